/* Regression from review: slot array under #if PY_VERSION_HEX >= 0x030E00F0 with an #else array: declared. */
#include <Python.h>

static int exec_mod(PyObject *m) { return 0; }

/* Py_mod_gil is honoured from 3.13, but we only claim free-threading from 3.14.0 final */
#if PY_VERSION_HEX >= 0x030E00F0
static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, exec_mod},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};
#else
static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, exec_mod},
    {0, NULL}
};
#endif

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "micro", NULL, 0, NULL, module_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_micro(void) { return PyModuleDef_Init(&moduledef); }
