#include <pybind11/pybind11.h>

namespace py = pybind11;

PYBIND11_MODULE(bind, m, py::mod_gil_not_used()) {
    m.def("twice", [](int a) { return 2 * a; });
}
