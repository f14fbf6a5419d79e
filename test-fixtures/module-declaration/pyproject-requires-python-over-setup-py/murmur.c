/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry;
 * pyproject.toml says requires-python = ">=3.10" and setup.py
 * python_requires=">=3.13": requires-python wins, so the entry breaks the 3.10-3.12 builds.
 * Findings: gil-slot-unguarded on the entry line. */
#include <Python.h>

static int
murmur_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 1);
}

static PyModuleDef_Slot murmur_slots[] = {
    {Py_mod_exec, murmur_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef murmur_module = {
    PyModuleDef_HEAD_INIT, .m_name = "murmur", .m_slots = murmur_slots,
};

PyMODINIT_FUNC
PyInit_murmur(void)
{
    return PyModuleDef_Init(&murmur_module);
}
