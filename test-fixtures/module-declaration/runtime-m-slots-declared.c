/* Multi-phase module whose PyModuleDef leaves m_slots out: PyInit sets `def.m_slots = slots;`
 * at run time, and that array declares Py_MOD_GIL_NOT_USED.
 * Findings: clean. */
#include <Python.h>

static int
tally_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "START", 0);
}

static PyModuleDef_Slot tally_slots[] = {
    {Py_mod_exec, tally_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef tally_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tally",
    .m_size = 0,
};

PyMODINIT_FUNC
PyInit_tally(void)
{
    tally_module.m_slots = tally_slots;
    return PyModuleDef_Init(&tally_module);
}
