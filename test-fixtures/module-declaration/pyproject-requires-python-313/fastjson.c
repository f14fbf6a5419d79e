/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry; the unit's
 * pyproject.toml says requires-python = ">=3.13".
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
fastjson_quote(PyObject *module, PyObject *arg)
{
    return PyObject_Repr(arg);
}

static PyMethodDef fastjson_methods[] = {
    {"quote", fastjson_quote, METH_O, "Quote a string."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot fastjson_slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static struct PyModuleDef fastjson_module = {
    PyModuleDef_HEAD_INIT, "fastjson", NULL, 0, fastjson_methods, fastjson_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_fastjson(void)
{
    return PyModuleDef_Init(&fastjson_module);
}
