/* Single-phase module whose SetGIL call follows a `return`, but behind a label that a goto
 * reaches: the call runs, so the module is declared.
 * Findings: clean. */
#include <Python.h>

static PyMethodDef bloom_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef bloom_module = {
    PyModuleDef_HEAD_INIT, "bloom", NULL, -1, bloom_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_bloom(void)
{
    PyObject *m = PyModule_Create(&bloom_module);
    if (m != NULL) {
        goto declare;
    }
    return NULL;
declare:
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
