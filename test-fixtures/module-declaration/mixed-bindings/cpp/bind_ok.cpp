#include <pybind11/pybind11.h>

namespace py = pybind11;

PYBIND11_MODULE(bind_ok, m, py::mod_gil_not_used()) {
    m.def("twice", [](int a) { return 2 * a; });
}

// PYBIND11_MODULE(in_a_comment, m) is not a module.
