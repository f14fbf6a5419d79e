/* Multi-phase module: designated initializers on the `PyModuleDef` typedef (no struct tag),
 * Py_mod_gil entry under `#if PY_VERSION_HEX >= 0x030D0000`.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *default_sep;
} joinstate;

static PyObject *
joiner_join(PyObject *module, PyObject *iterable)
{
    joinstate *st = (joinstate *)PyModule_GetState(module);
    return PyUnicode_Join(st->default_sep, iterable);
}

static PyMethodDef joiner_methods[] = {
    {"join", joiner_join, METH_O, "Join strings with the default separator."},
    {NULL, NULL, 0, NULL}
};

static int
joiner_exec(PyObject *module)
{
    joinstate *st = (joinstate *)PyModule_GetState(module);
    st->default_sep = PyUnicode_FromString(", ");
    return st->default_sep == NULL ? -1 : 0;
}

static int
joiner_traverse(PyObject *module, visitproc visit, void *arg)
{
    joinstate *st = (joinstate *)PyModule_GetState(module);
    Py_VISIT(st->default_sep);
    return 0;
}

static int
joiner_clear(PyObject *module)
{
    joinstate *st = (joinstate *)PyModule_GetState(module);
    Py_CLEAR(st->default_sep);
    return 0;
}

static PyModuleDef_Slot joiner_slots[] = {
    {Py_mod_exec, joiner_exec},
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static PyModuleDef joiner_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "joiner",
    .m_doc = "String joining with per-module state.",
    .m_size = sizeof(joinstate),
    .m_methods = joiner_methods,
    .m_slots = joiner_slots,
    .m_traverse = joiner_traverse,
    .m_clear = joiner_clear,
};

PyMODINIT_FUNC
PyInit_joiner(void)
{
    return PyModuleDef_Init(&joiner_module);
}
