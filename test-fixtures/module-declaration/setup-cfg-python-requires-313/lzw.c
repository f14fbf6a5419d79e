/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry;
 * setup.cfg says python_requires = >=3.13 under [options], so the entry is fine.
 * Findings: clean. */
#include <Python.h>

static int
lzw_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 1);
}

static PyModuleDef_Slot lzw_slots[] = {
    {Py_mod_exec, lzw_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef lzw_module = {
    PyModuleDef_HEAD_INIT, .m_name = "lzw", .m_slots = lzw_slots,
};

PyMODINIT_FUNC
PyInit_lzw(void)
{
    return PyModuleDef_Init(&lzw_module);
}
