/* Regression from review: PyInit_top calls PyInit__sub, which declares only itself. */
#include <Python.h>
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef sub_def = { PyModuleDef_HEAD_INIT, "top._sub", NULL, -1, methods };
static struct PyModuleDef top_def = { PyModuleDef_HEAD_INIT, "top", NULL, -1, methods };

PyMODINIT_FUNC
PyInit__sub(void)
{
    PyObject *m = PyModule_Create(&sub_def);
    if (m == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}

PyMODINIT_FUNC
PyInit_top(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&top_def);
    if (m == NULL)
        return NULL;
    PyObject *sub = PyInit__sub();
    if (sub == NULL || PyModule_AddObject(m, "_sub", sub) < 0)
        return NULL;
    return m;
}
