/* Regression from review: SetGIL behind a project macro that is empty in regular builds. */
#include <Python.h>

#ifdef Py_GIL_DISABLED
#  define DECLARE_NOGIL(m) PyUnstable_Module_SetGIL((m), Py_MOD_GIL_NOT_USED)
#else
#  define DECLARE_NOGIL(m) 0
#endif

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "wrapgil", NULL, -1, methods };

PyMODINIT_FUNC
PyInit_wrapgil(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL || DECLARE_NOGIL(m) < 0)
        return NULL;
    return m;
}
