#include <pybind11/pybind11.h>

PYBIND11_MODULE(bind_keep,  // expect: module-gil-used
                m,
                pybind11::mod_gil_not_used(false)) {
}

// pybind11 3.1 spells it mod_gil_used().
PYBIND11_MODULE(bind_used, m, pybind11::mod_gil_used()) {  // expect: module-gil-used
}
