// fixture: min-python=3.13
/* Single-phase module calling PyUnstable_Module_SetGIL without a Py_GIL_DISABLED guard in
 * a 3.13+ project: min-python does not help, the regular 3.13/3.14 builds do not declare
 * the function.
 * Findings: gil-slot-unguarded on the call line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
strict_check(PyObject *module, PyObject *arg)
{
    int truth = PyObject_IsTrue(arg);
    if (truth < 0) {
        return NULL;
    }
    return PyBool_FromLong(truth);
}

static PyMethodDef strict_methods[] = {
    {"check", strict_check, METH_O, "Strict truth test."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef strict_module = {
    PyModuleDef_HEAD_INIT, "strict", NULL, -1, strict_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_strict(void)
{
    PyObject *m = PyModule_Create(&strict_module);
    if (m != NULL && PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) < 0) {  // expect: gil-slot-unguarded
        Py_CLEAR(m);
    }
    return m;
}
