/* Multi-phase module whose Py_mod_gil entry comes from a macro:
 * `#define GIL_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED},` under #ifdef Py_mod_gil, with an
 * empty #else definition, used in the array as `GIL_SLOT`.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifdef Py_mod_gil
#define GIL_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#else
#define GIL_SLOT
#endif

static PyObject *
percent_of(PyObject *module, PyObject *args)
{
    double part, whole;
    if (!PyArg_ParseTuple(args, "dd:of", &part, &whole)) {
        return NULL;
    }
    if (whole == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "whole is zero");
        return NULL;
    }
    return PyFloat_FromDouble(100.0 * part / whole);
}

static PyMethodDef percent_methods[] = {
    {"of", percent_of, METH_VARARGS, "part as a percentage of whole."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot percent_slots[] = {
    GIL_SLOT
    {0, NULL}
};

static struct PyModuleDef percent_module = {
    PyModuleDef_HEAD_INIT, "percent", NULL, 0, percent_methods, percent_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_percent(void)
{
    return PyModuleDef_Init(&percent_module);
}
