/* Regression from review: PyModuleDef declared static inside PyInit (single-phase). */
#include <Python.h>

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};

PyMODINIT_FUNC
PyInit_localdef(void)  // expect: module-missing-set-gil
{
    static struct PyModuleDef moduledef = {
        PyModuleDef_HEAD_INIT,
        "pkg.localdef",
        NULL,
        -1,
        methods,
    };
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    return m;
}
