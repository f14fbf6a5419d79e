/* Multi-phase module whose Py_mod_gil entry is commented out, and whose docstring and
 * comments mention Py_mod_gil / Py_MOD_GIL_NOT_USED. None of that declares anything.
 * Findings: module-missing-gil-slot on the slot array's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyDoc_STRVAR(quiet_doc,
"Quiet helpers.\n"
"\n"
"Not yet marked {Py_mod_gil, Py_MOD_GIL_NOT_USED}: see issue 12.");

static PyObject *
quiet_mute(PyObject *module, PyObject *arg)
{
    Py_RETURN_NONE;
}

static PyMethodDef quiet_methods[] = {
    {"mute", quiet_mute, METH_O, "Swallow the argument."},
    {NULL, NULL, 0, NULL}
};

static int
quiet_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "NOTE", "Py_mod_gil pending");
}

// Py_mod_gil: waiting for the audit of quiet_exec.
static PyModuleDef_Slot quiet_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, quiet_exec},
    /* {Py_mod_gil, Py_MOD_GIL_NOT_USED}, */
    // {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef quiet_module = {
    PyModuleDef_HEAD_INIT, "quiet", quiet_doc, 0, quiet_methods, quiet_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_quiet(void)
{
    return PyModuleDef_Init(&quiet_module);
}
