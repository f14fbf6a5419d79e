/* Multi-phase module whose Py_mod_gil entry is under a project macro the audit cannot
 * evaluate (`#ifdef MYLIB_FT`, set by the build system). "Maybe declared": precision first,
 * so neither a missing-slot nor an unguarded finding.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
mylib_version(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("2.4.1");
}

static PyMethodDef mylib_methods[] = {
    {"version", mylib_version, METH_NOARGS, "Library version string."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot mylib_slots[] = {
#ifdef MYLIB_FT
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef mylib_module = {
    PyModuleDef_HEAD_INIT,
    "_mylib",
    NULL,
    0,
    mylib_methods,
    mylib_slots,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit__mylib(void)
{
    return PyModuleDef_Init(&mylib_module);
}
