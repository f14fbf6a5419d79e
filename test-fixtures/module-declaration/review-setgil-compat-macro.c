/* Regression from review: a project shim defines PyUnstable_Module_SetGIL for regular builds. */
#include <Python.h>

/* PyUnstable_Module_SetGIL only exists in free-threaded builds */
#ifndef Py_GIL_DISABLED
#  define PyUnstable_Module_SetGIL(module, gil) 0
#endif

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "compatgil", NULL, -1, methods };

PyMODINIT_FUNC
PyInit_compatgil(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    if (PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
