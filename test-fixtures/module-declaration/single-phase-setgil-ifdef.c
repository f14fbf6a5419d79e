/* Single-phase module that calls PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) under
 * `#ifdef Py_GIL_DISABLED`, the documented form.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
lerp_lerp(PyObject *module, PyObject *args)
{
    double a, b, t;
    if (!PyArg_ParseTuple(args, "ddd:lerp", &a, &b, &t)) {
        return NULL;
    }
    return PyFloat_FromDouble(a + (b - a) * t);
}

static PyMethodDef lerp_methods[] = {
    {"lerp", lerp_lerp, METH_VARARGS, "Linear interpolation."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef lerp_module = {
    PyModuleDef_HEAD_INIT, "lerp", "Interpolation.", -1, lerp_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_lerp(void)
{
    PyObject *m = PyModule_Create(&lerp_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
