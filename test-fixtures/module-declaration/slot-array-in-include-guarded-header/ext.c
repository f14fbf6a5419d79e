#include "slots.h"

static struct PyModuleDef ext_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "demo.ext",
    .m_slots = ext_slots,
};

PyMODINIT_FUNC PyInit_ext(void) { return PyModuleDef_Init(&ext_module); }
