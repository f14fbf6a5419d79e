/* Multi-phase module with designated slot entries and no Py_mod_gil among them.
 * Findings: module-missing-gil-slot on the slot array's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
triple_make(PyObject *module, PyObject *args)
{
    PyObject *a, *b, *c;
    if (!PyArg_ParseTuple(args, "OOO:make", &a, &b, &c)) {
        return NULL;
    }
    return PyTuple_Pack(3, a, b, c);
}

static PyMethodDef triple_methods[] = {
    {"make", triple_make, METH_VARARGS, "Build a 3-tuple."},
    {NULL, NULL, 0, NULL}
};

static int
triple_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "ARITY", 3);
}

static PyModuleDef_Slot triple_slots[] = {  /* expect: module-missing-gil-slot */
    {.slot = Py_mod_exec, .value = triple_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {.slot = Py_mod_multiple_interpreters, .value = Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {.slot = 0, .value = NULL}
};

static struct PyModuleDef triple_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "triple",
    .m_methods = triple_methods,
    .m_slots = triple_slots,
};

PyMODINIT_FUNC
PyInit_triple(void)
{
    return PyModuleDef_Init(&triple_module);
}
