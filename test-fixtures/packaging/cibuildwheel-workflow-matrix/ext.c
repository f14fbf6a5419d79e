#include <Python.h>

static int exec_module(PyObject *m) { return 0; }

static PyModuleDef_Slot demo_slots[] = {
    {Py_mod_exec, exec_module},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef demo_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "demo._speedups",
    .m_slots = demo_slots,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&demo_module);
}
