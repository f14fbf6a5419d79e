// fixture: min-python=3.13
/* Multi-phase module whose Py_mod_gil entry is under `#if PY_VERSION_HEX < 0x030D0000`
 * (an inverted comparison): compiled out of every 3.13+ build, free-threaded ones included.
 * Findings: module-missing-gil-slot on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
swapcase_swap(PyObject *module, PyObject *arg)
{
    return PyObject_CallMethod(arg, "swapcase", NULL);
}

static PyMethodDef swapcase_methods[] = {
    {"swap", swapcase_swap, METH_O, "Swap the case of a string."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot swapcase_slots[] = {
#if PY_VERSION_HEX < 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: module-missing-gil-slot
#endif
    {0, NULL}
};

static PyModuleDef swapcase_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "swapcase",
    .m_methods = swapcase_methods,
    .m_slots = swapcase_slots,
};

PyMODINIT_FUNC
PyInit_swapcase(void)
{
    return PyModuleDef_Init(&swapcase_module);
}
