/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry;
 * setup.py computes python_requires and mentions ">=3.13" only in a comment: neither
 * is read, so min-python stays the assumed default.
 * Findings: gil-slot-unguarded on the entry line, saying the minimum is assumed. */
#include <Python.h>

static int
fletcher_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 1);
}

static PyModuleDef_Slot fletcher_slots[] = {
    {Py_mod_exec, fletcher_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef fletcher_module = {
    PyModuleDef_HEAD_INIT, .m_name = "fletcher", .m_slots = fletcher_slots,
};

PyMODINIT_FUNC
PyInit_fletcher(void)
{
    return PyModuleDef_Init(&fletcher_module);
}
