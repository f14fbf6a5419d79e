/* Single-phase module that explicitly keeps the GIL with
 * PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED) under #ifdef Py_GIL_DISABLED.
 * Findings: module-gil-used on the call line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *last_error_text;

static PyObject *
lasterr_get(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    if (last_error_text == NULL) {
        Py_RETURN_NONE;
    }
    Py_INCREF(last_error_text);
    return last_error_text;
}

static PyMethodDef lasterr_methods[] = {
    {"get", lasterr_get, METH_NOARGS, "Last recorded error text."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef lasterr_module = {
    PyModuleDef_HEAD_INIT, "lasterr", NULL, -1, lasterr_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_lasterr(void)
{
    PyObject *m = PyModule_Create(&lasterr_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED);  // expect: module-gil-used
#endif
    return m;
}
