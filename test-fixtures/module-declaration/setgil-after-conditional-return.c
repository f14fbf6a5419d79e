/* Single-phase module: the returns before SetGIL are conditional (the NULL check, a
 * version branch), and the one after it is behind a goto label, so the call runs.
 * Findings: clean. */
#include <Python.h>

static PyMethodDef arena_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef arena_module = {
    PyModuleDef_HEAD_INIT, "arena", NULL, -1, arena_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_arena(void)
{
    PyObject *m = PyModule_Create(&arena_module);
    if (m == NULL) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030D0000
    return m;
#endif
    if (PyModule_AddIntConstant(m, "PAGE", 4096) < 0) {
        goto error;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
error:
    Py_DECREF(m);
    return NULL;
}
