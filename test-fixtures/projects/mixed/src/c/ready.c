/* Declared and clean: ready. */
#include <Python.h>

static int ready_exec(PyObject *m) { return 0; }

static PyModuleDef_Slot ready_slots[] = {
    {Py_mod_exec, ready_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef ready_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "mixed.ready",
    .m_slots = ready_slots,
};

PyMODINIT_FUNC PyInit_ready(void) { return PyModuleDef_Init(&ready_module); }
