#include <Python.h>

static int exec_module(PyObject *m) { return 0; }

static PyModuleDef_Slot demo_slots[] = {
    {Py_mod_exec, exec_module},
    {0, NULL}
};

static struct PyModuleDef demo_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "demo._late",
    .m_slots = demo_slots,
};

PyMODINIT_FUNC
PyInit__late(void)
{
    return PyModuleDef_Init(&demo_module);
}
