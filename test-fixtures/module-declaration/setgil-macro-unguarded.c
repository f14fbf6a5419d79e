/* gil-slot-unguarded: a project macro that calls PyUnstable_Module_SetGIL is
 * defined for regular builds too; the module itself is declared. */
#include <Python.h>

#define DECLARE_NO_GIL(m) PyUnstable_Module_SetGIL((m), Py_MOD_GIL_NOT_USED)  // expect: gil-slot-unguarded

static struct PyModuleDef flag_module = {
    PyModuleDef_HEAD_INIT, "flag", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_flag(void)
{
    PyObject *m = PyModule_Create(&flag_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    DECLARE_NO_GIL(m);
#endif
    return m;
}
