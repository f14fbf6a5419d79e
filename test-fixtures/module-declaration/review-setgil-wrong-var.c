/* Regression from review: SetGIL called on a submodule, not on the module PyInit returns. */
#include <Python.h>
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "outer", NULL, -1, methods };
static struct PyModuleDef subdef = { PyModuleDef_HEAD_INIT, "outer.inner", NULL, -1, methods };

PyMODINIT_FUNC
PyInit_outer(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    PyObject *sub = PyModule_Create(&subdef);
    if (sub == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(sub, Py_MOD_GIL_NOT_USED);
#endif
    PyModule_AddObject(m, "inner", sub);
    return m;
}
