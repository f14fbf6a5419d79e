/* Single-phase module whose PyInit_ delegates the set-up to a static helper in the same
 * file; the helper calls PyUnstable_Module_SetGIL under #ifdef Py_GIL_DISABLED.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
fib_nth(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (n < 0 || n > 90) {
        PyErr_SetString(PyExc_ValueError, "n must be in [0, 90]");
        return NULL;
    }
    long long a = 0, b = 1;
    for (long i = 0; i < n; i++) {
        long long t = a + b;
        a = b;
        b = t;
    }
    return PyLong_FromLongLong(a);
}

static PyMethodDef fib_methods[] = {
    {"nth", fib_nth, METH_O, "n-th Fibonacci number."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fib_module = {
    PyModuleDef_HEAD_INIT, "fib", NULL, -1, fib_methods, NULL, NULL, NULL, NULL
};

static int
fib_setup(PyObject *m)
{
#ifdef Py_GIL_DISABLED
    if (PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0) {
        return -1;
    }
#endif
    return PyModule_AddIntConstant(m, "MAX_N", 90);
}

PyMODINIT_FUNC
PyInit_fib(void)
{
    PyObject *m = PyModule_Create(&fib_module);
    if (m == NULL) {
        return NULL;
    }
    if (fib_setup(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
