/* Single-phase module whose SetGIL call sits after the init function's unconditional
 * `return m;`: it never runs, so the module is not declared.
 * Findings: module-missing-set-gil (unreachable) on PyInit_stack. */
#include <Python.h>

static PyMethodDef stack_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef stack_module = {
    PyModuleDef_HEAD_INIT, "stack", NULL, -1, stack_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_stack(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&stack_module);
    return m;
    /* left behind by a refactoring */
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
}
