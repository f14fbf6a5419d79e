/* Regression from review: two PyInit variants under #ifdef MS_WINDOWS / #else; only one declares. */
#include <Python.h>
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "wintwo", NULL, -1, methods };

#ifdef MS_WINDOWS
PyMODINIT_FUNC
PyInit_wintwo(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m && init_winsock() < 0) { Py_DECREF(m); return NULL; }
    return m;
}
#else
PyMODINIT_FUNC
PyInit_wintwo(void)
{
    PyObject *m = PyModule_Create(&moduledef);
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
#endif
