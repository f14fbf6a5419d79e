/* CRLF line endings (every line ends in \r\n): an undeclared multi-phase module whose
 * slot array lacks Py_mod_gil, plus a continued macro, so line numbers must not drift.
 * Findings: module-missing-gil-slot on the slot array's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define WINPATH_DOC \
    "Helpers for Windows-style paths, " \
    "written on a machine with CRLF line endings."

static PyObject *
winpath_sep(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("\\");
}

static PyObject *
winpath_is_drive(PyObject *module, PyObject *arg)
{
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (s == NULL) {
        return NULL;
    }
    return PyBool_FromLong(n == 2 && s[1] == ':');
}

static PyMethodDef winpath_methods[] = {
    {"sep", winpath_sep, METH_NOARGS, "The path separator."},
    {"is_drive", winpath_is_drive, METH_O, "True for 'C:' and the like."},
    {NULL, NULL, 0, NULL}
};

static int
winpath_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "ALTSEP", "/");
}

static PyModuleDef_Slot winpath_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, winpath_exec},
    {0, NULL}
};

static struct PyModuleDef winpath_module = {
    PyModuleDef_HEAD_INIT,
    "winpath",
    WINPATH_DOC,
    0,
    winpath_methods,
    winpath_slots,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_winpath(void)
{
    return PyModuleDef_Init(&winpath_module);
}
