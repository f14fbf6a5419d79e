// fixture: min-python=3.13
/* Multi-phase module whose only Py_mod_gil entry is under `#ifndef Py_GIL_DISABLED`: it is
 * compiled out in exactly the build that reads it. min-python=3.13 so that only the
 * compiled-out finding is in play (see guard-ifndef-gil-disabled-min39.c for 3.9).
 * Findings: module-missing-gil-slot on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
sieve_is_prime(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (n < 2) {
        Py_RETURN_FALSE;
    }
    for (long d = 2; d * d <= n; d++) {
        if (n % d == 0) {
            Py_RETURN_FALSE;
        }
    }
    Py_RETURN_TRUE;
}

static PyMethodDef sieve_methods[] = {
    {"is_prime", sieve_is_prime, METH_O, "Trial-division primality test."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot sieve_slots[] = {
#ifndef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: module-missing-gil-slot
#endif
    {0, NULL}
};

static struct PyModuleDef sieve_module = {
    PyModuleDef_HEAD_INIT, "sieve", NULL, 0, sieve_methods, sieve_slots,
};

PyMODINIT_FUNC
PyInit_sieve(void)
{
    return PyModuleDef_Init(&sieve_module);
}
