/* Single-phase module created into `m` and declared through copies of that pointer: a
 * declaration (`PyObject *mod = m;`) and a later plain assignment (`self = mod;`).
 * Findings: clean. */
#include <Python.h>

static PyMethodDef ring_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef ring_module = {
    PyModuleDef_HEAD_INIT, "ring", "A ring buffer.", -1, ring_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_ring(void)
{
    PyObject *self;
    PyObject *m = PyModule_Create(&ring_module);
    PyObject *mod = m;
    if (mod == NULL) {
        return NULL;
    }
    self = mod;
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(self, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
