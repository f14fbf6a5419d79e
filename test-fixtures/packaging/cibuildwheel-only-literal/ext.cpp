#include <pybind11/pybind11.h>

PYBIND11_MODULE(ext, m, pybind11::mod_gil_not_used()) {
}
