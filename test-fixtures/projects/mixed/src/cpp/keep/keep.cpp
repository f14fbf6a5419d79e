#include <pybind11/pybind11.h>

// Keeps the GIL on purpose until the bindings are audited.
PYBIND11_MODULE(keep, m, pybind11::mod_gil_not_used(false)) {  // expect: module-gil-used
}
