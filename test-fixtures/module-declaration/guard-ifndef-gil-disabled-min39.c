/* Same mistake as guard-ifndef-gil-disabled.c, at the default min-python (3.9): the entry
 * under `#ifndef Py_GIL_DISABLED` is compiled out of the free-threaded build (missing) AND
 * compiled into 3.9-3.12, which have no Py_mod_gil (unguarded).
 * Findings: module-missing-gil-slot and gil-slot-unguarded on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
gcdmod_gcd(PyObject *module, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll:gcd", &a, &b)) {
        return NULL;
    }
    while (b != 0) {
        long t = a % b;
        a = b;
        b = t;
    }
    return PyLong_FromLong(a < 0 ? -a : a);
}

static PyMethodDef gcdmod_methods[] = {
    {"gcd", gcdmod_gcd, METH_VARARGS, "Greatest common divisor."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot gcdmod_slots[] = {
#ifndef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: module-missing-gil-slot, gil-slot-unguarded
#endif
    {0, NULL}
};

static struct PyModuleDef gcdmod_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "gcdmod",
    .m_methods = gcdmod_methods,
    .m_slots = gcdmod_slots,
};

PyMODINIT_FUNC
PyInit_gcdmod(void)
{
    return PyModuleDef_Init(&gcdmod_module);
}
