// A C++ class in a .h header: its members are not file-scope statics, however C would read them.
#include <Python.h>

template <typename T, long Step = 1>
class Tally {
    long count_;
    void clear() noexcept(true) {
        count_ = 0;
    }
};
