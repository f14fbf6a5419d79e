/* Multi-phase module whose slot entries use designated initializers:
 * `{.slot = Py_mod_gil, .value = Py_MOD_GIL_NOT_USED}` (guarded by #ifdef Py_mod_gil).
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
pairs_swap(PyObject *module, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO:swap", &a, &b)) {
        return NULL;
    }
    return PyTuple_Pack(2, b, a);
}

static PyMethodDef pairs_methods[] = {
    {"swap", pairs_swap, METH_VARARGS, "Return (b, a)."},
    {NULL, NULL, 0, NULL}
};

static int
pairs_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "ARITY", 2);
}

static PyModuleDef_Slot pairs_slots[] = {
    {.slot = Py_mod_exec, .value = pairs_exec},
#ifdef Py_mod_gil
    {.slot = Py_mod_gil, .value = Py_MOD_GIL_NOT_USED},
#endif
    {.slot = 0, .value = NULL}
};

static struct PyModuleDef pairs_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "pairs",
    .m_doc = "Pair helpers.",
    .m_size = 0,
    .m_methods = pairs_methods,
    .m_slots = pairs_slots,
};

PyMODINIT_FUNC
PyInit_pairs(void)
{
    return PyModuleDef_Init(&pairs_module);
}
