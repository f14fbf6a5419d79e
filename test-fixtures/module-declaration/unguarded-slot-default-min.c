/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry at the
 * default min-python (3.9): declared, but it does not compile on 3.9-3.12.
 * Findings: gil-slot-unguarded on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
eager_answer(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(42);
}

static PyMethodDef eager_methods[] = {
    {"answer", eager_answer, METH_NOARGS, "The answer."},
    {NULL, NULL, 0, NULL}
};

static int
eager_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "STATUS", "ready");
}

static PyModuleDef_Slot eager_slots[] = {
    {Py_mod_exec, eager_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef eager_module = {
    PyModuleDef_HEAD_INIT, "eager", NULL, 0, eager_methods, eager_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_eager(void)
{
    return PyModuleDef_Init(&eager_module);
}
