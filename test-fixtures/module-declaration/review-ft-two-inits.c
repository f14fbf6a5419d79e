/* Regression from review: PyInit variants for >= 3.13 and older in #if/#else. */
#include <Python.h>
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "twoinit", NULL, -1, methods };

#if PY_VERSION_HEX >= 0x030D0000
PyMODINIT_FUNC
PyInit_twoinit(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&moduledef);
    return m;
}
#else
PyMODINIT_FUNC
PyInit_twoinit(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
#endif
