/* Multi-phase module: Py_mod_gil entry under
 * `#if PY_VERSION_HEX >= 0x030D00F0 && !defined(PYPY_VERSION)`.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
hexfmt_hex(PyObject *module, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyUnicode_FromFormat("0x%lx", v);
}

static PyMethodDef hexfmt_methods[] = {
    {"hex", hexfmt_hex, METH_O, "Format an int as hex."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot hexfmt_slots[] = {
#if PY_VERSION_HEX >= 0x030D00F0 && !defined(PYPY_VERSION)
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static PyModuleDef hexfmt_module = {
    PyModuleDef_HEAD_INIT,
    "hexfmt",
    "Hex formatting.",
    0,
    hexfmt_methods,
    hexfmt_slots,
};

PyMODINIT_FUNC
PyInit_hexfmt(void)
{
    return PyModuleDef_Init(&hexfmt_module);
}
