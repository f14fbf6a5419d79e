// fixture: min-python=3.13
/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry in a project
 * that supports only 3.13+, where Py_mod_gil always exists.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
modern_answer(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(42);
}

static PyMethodDef modern_methods[] = {
    {"answer", modern_answer, METH_NOARGS, "The answer."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot modern_slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static PyModuleDef modern_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "modern",
    .m_methods = modern_methods,
    .m_slots = modern_slots,
};

PyMODINIT_FUNC
PyInit_modern(void)
{
    return PyModuleDef_Init(&modern_module);
}
