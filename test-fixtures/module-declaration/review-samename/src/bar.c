/* Regression from review: review-samename (same-named defs across files / helpers creating the module / PyInit in a header). */
#include <Python.h>
static int bar_exec(PyObject *m) { return 0; }
static PyModuleDef_Slot bar_slots[] = {
    {Py_mod_exec, bar_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};
static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "pkg.bar", NULL, 0, NULL, bar_slots, NULL, NULL, NULL
};
PyMODINIT_FUNC PyInit_bar(void) { return PyModuleDef_Init(&moduledef); }
