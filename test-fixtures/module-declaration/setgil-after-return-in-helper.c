/* Single-phase module declared by a helper whose SetGIL call follows the helper's own
 * unconditional return, before the `declare:` label, so no goto reaches it either.
 * Findings: module-missing-set-gil (unreachable) on PyInit_pool. */
#include <Python.h>

static PyMethodDef pool_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef pool_module = {
    PyModuleDef_HEAD_INIT, "pool", NULL, -1, pool_methods, NULL, NULL, NULL, NULL
};

static int
pool_setup(PyObject *m, int declare_now)
{
    if (declare_now) {
        goto declare;
    }
    return PyModule_AddIntConstant(m, "SIZE", 8);
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
declare:
    return 0;
}

PyMODINIT_FUNC
PyInit_pool(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&pool_module);
    if (m == NULL || pool_setup(m, 0) < 0) {
        return NULL;
    }
    return m;
}
