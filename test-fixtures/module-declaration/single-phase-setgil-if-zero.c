/* Single-phase module whose PyUnstable_Module_SetGIL call was switched off with `#if 0`:
 * it declares nothing, and being compiled nowhere it is not "unguarded" either.
 * Findings: module-missing-set-gil on the PyInit_ line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
memo_size(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(128);
}

static PyMethodDef memo_methods[] = {
    {"size", memo_size, METH_NOARGS, "Size of the memo table."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef memo_module = {
    PyModuleDef_HEAD_INIT, "memo", NULL, -1, memo_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_memo(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&memo_module);
    if (m == NULL) {
        return NULL;
    }
#if 0
    /* the memo table is a plain static array: not safe without the GIL yet */
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
