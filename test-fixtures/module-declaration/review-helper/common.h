#include <Python.h>
static inline PyObject *
make_module(PyModuleDef *def)
{
    PyObject *m = PyModule_Create(def);
    if (m == NULL)
        return NULL;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
PyObject *make_module_extern(PyModuleDef *def);
