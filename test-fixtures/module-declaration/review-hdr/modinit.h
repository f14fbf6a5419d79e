#ifndef MODINIT_H
#define MODINIT_H
#include <Python.h>

static struct PyModuleDef moduledef;

PyMODINIT_FUNC
PyInit__hdr(void)
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
