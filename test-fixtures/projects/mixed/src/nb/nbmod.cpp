#include <nanobind/nanobind.h>

NB_MODULE(nbmod, m) {
    m.def("add", [](int a, int b) { return a + b; });
}
