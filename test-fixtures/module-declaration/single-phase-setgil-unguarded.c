/* Single-phase module that calls PyUnstable_Module_SetGIL with no guard at all: the call
 * declares the module (no module-missing-set-gil) but does not compile where the function
 * is not declared (every non-free-threaded build).
 * Findings: gil-slot-unguarded on the call line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
parity_parity(PyObject *module, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyBool_FromLong(v & 1);
}

static PyMethodDef parity_methods[] = {
    {"parity", parity_parity, METH_O, "True for odd numbers."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef parity_module = {
    PyModuleDef_HEAD_INIT, "parity", NULL, -1, parity_methods,
};

PyMODINIT_FUNC
PyInit_parity(void)
{
    PyObject *m = PyModule_Create(&parity_module);
    if (m == NULL) {
        return NULL;
    }
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);  // expect: gil-slot-unguarded
    return m;
}
