/* slot-value-macro-in-header: the Py_mod_gil value macro is defined in gil_mode.h.
 * Findings: clean (declared yes). */
#include "gil_mode.h"

static int
bits_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "WIDTH", 64);
}

static PyModuleDef_Slot bits_slots[] = {
    {Py_mod_exec, bits_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, PROJECT_GIL_MODE},
#endif
    {0, NULL}
};

static struct PyModuleDef bits_module = {
    PyModuleDef_HEAD_INIT, .m_name = "bits", .m_slots = bits_slots,
};

PyMODINIT_FUNC
PyInit_bits(void)
{
    return PyModuleDef_Init(&bits_module);
}
