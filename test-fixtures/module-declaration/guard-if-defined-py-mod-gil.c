/* Multi-phase module: Py_mod_gil entry under `#if defined(Py_mod_gil)`.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
clamp_clamp(PyObject *module, PyObject *args)
{
    double value, lo, hi;
    if (!PyArg_ParseTuple(args, "ddd:clamp", &value, &lo, &hi)) {
        return NULL;
    }
    if (value < lo) {
        value = lo;
    }
    else if (value > hi) {
        value = hi;
    }
    return PyFloat_FromDouble(value);
}

static PyMethodDef clamp_methods[] = {
    {"clamp", clamp_clamp, METH_VARARGS, "Clamp a value into [lo, hi]."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot clamp_slots[] = {
#if defined(Py_mod_gil)
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef clamp_module = {
    PyModuleDef_HEAD_INIT, "clamp", NULL, 0, clamp_methods, clamp_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_clamp(void)
{
    return PyModuleDef_Init(&clamp_module);
}
