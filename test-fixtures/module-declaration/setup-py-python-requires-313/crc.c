/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry;
 * setup.py says python_requires=">=3.13", so the entry is fine.
 * Findings: clean. */
#include <Python.h>

static int
crc_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 1);
}

static PyModuleDef_Slot crc_slots[] = {
    {Py_mod_exec, crc_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef crc_module = {
    PyModuleDef_HEAD_INIT, .m_name = "crc", .m_slots = crc_slots,
};

PyMODINIT_FUNC
PyInit_crc(void)
{
    return PyModuleDef_Init(&crc_module);
}
