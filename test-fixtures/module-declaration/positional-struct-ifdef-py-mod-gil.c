/* Multi-phase module: positional `struct PyModuleDef`, slot array written before the def
 * with Py_mod_exec, Py_mod_multiple_interpreters and Py_mod_gil (under #ifdef Py_mod_gil).
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
tally_count(PyObject *module, PyObject *args)
{
    PyObject *seq;
    if (!PyArg_ParseTuple(args, "O:count", &seq)) {
        return NULL;
    }
    Py_ssize_t n = PyObject_Length(seq);
    if (n < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(n);
}

static PyMethodDef tally_methods[] = {
    {"count", tally_count, METH_VARARGS, "Return the length of a sequence."},
    {NULL, NULL, 0, NULL}
};

static int
tally_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 3);
}

static PyModuleDef_Slot tally_slots[] = {
    {Py_mod_exec, tally_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef tally_module = {
    PyModuleDef_HEAD_INIT,
    "tally",
    "Counting helpers.",
    0,
    tally_methods,
    tally_slots,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_tally(void)
{
    return PyModuleDef_Init(&tally_module);
}
