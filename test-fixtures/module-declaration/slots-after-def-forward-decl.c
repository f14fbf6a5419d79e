/* Multi-phase module whose slot array is defined AFTER the PyModuleDef (the def refers to a
 * forward declaration `static PyModuleDef_Slot late_slots[];`). The array has a guarded
 * Py_mod_gil entry, so neither the forward declaration nor the definition is a finding.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
late_ping(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("pong");
}

static PyMethodDef late_methods[] = {
    {"ping", late_ping, METH_NOARGS, "Answer pong."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot late_slots[];

static struct PyModuleDef late_module = {
    PyModuleDef_HEAD_INIT,
    "late",
    NULL,
    0,
    late_methods,
    late_slots,
    NULL,
    NULL,
    NULL
};

static int
late_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "greeting", "hello");
}

static PyModuleDef_Slot late_slots[] = {
    {Py_mod_exec, late_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

PyMODINIT_FUNC
PyInit_late(void)
{
    return PyModuleDef_Init(&late_module);
}
