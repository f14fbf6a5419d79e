/* Single-phase module created with PyModule_Create2, declaring itself with
 * PyUnstable_Module_SetGIL under #ifdef Py_GIL_DISABLED.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
nop_nop(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

static PyMethodDef nop_methods[] = {
    {"nop", nop_nop, METH_NOARGS, "Do nothing."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef nop_module = {
    PyModuleDef_HEAD_INIT, "nop", NULL, -1, nop_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_nop(void)
{
    PyObject *m = PyModule_Create2(&nop_module, PYTHON_API_VERSION);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
