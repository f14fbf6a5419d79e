/* Single-phase module that calls PyUnstable_Module_SetGIL under `#ifndef Py_GIL_DISABLED`
 * (inverted guard): compiled out of the free-threaded build, so the module is undeclared,
 * and compiled into the regular builds, where the function is not declared.
 * Findings: module-missing-set-gil on the PyInit_ line, gil-slot-unguarded on the call line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
hyp_hypot2(PyObject *module, PyObject *args)
{
    double x, y;
    if (!PyArg_ParseTuple(args, "dd:hypot2", &x, &y)) {
        return NULL;
    }
    return PyFloat_FromDouble(x * x + y * y);
}

static PyMethodDef hyp_methods[] = {
    {"hypot2", hyp_hypot2, METH_VARARGS, "Squared hypotenuse."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef hyp_module = {
    PyModuleDef_HEAD_INIT, "hyp", NULL, -1, hyp_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_hyp(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&hyp_module);
    if (m == NULL) {
        return NULL;
    }
#ifndef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);  // expect: gil-slot-unguarded
#endif
    return m;
}
