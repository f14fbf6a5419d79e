#include <pybind11/pybind11.h>

namespace py = pybind11;

static int add(int a, int b) { return a + b; }

PYBIND11_MODULE(bind, m) {  // expect: pybind11-missing-mod-gil-not-used
    m.def("add", &add);
}
