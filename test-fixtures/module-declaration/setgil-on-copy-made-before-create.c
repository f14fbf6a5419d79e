/* Single-phase module: `mod` copies `m` before PyModule_Create assigns it, so it still holds
 * NULL and the SetGIL call never reaches the module.
 * Findings: module-missing-set-gil (otherObject) on PyInit_queue. */
#include <Python.h>

static PyMethodDef queue_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef queue_module = {
    PyModuleDef_HEAD_INIT, "queue", NULL, -1, queue_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_queue(void)  // expect: module-missing-set-gil
{
    PyObject *m = NULL;
    PyObject *mod = m;
    m = PyModule_Create(&queue_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(mod, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
