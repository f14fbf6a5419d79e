/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry;
 * setup.cfg has python_requires only under [tool:legacy], which
 * setuptools does not read, so min-python stays the assumed default.
 * Findings: gil-slot-unguarded on the entry line. */
#include <Python.h>

static int
xor_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 1);
}

static PyModuleDef_Slot xor_slots[] = {
    {Py_mod_exec, xor_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef xor_module = {
    PyModuleDef_HEAD_INIT, .m_name = "xor", .m_slots = xor_slots,
};

PyMODINIT_FUNC
PyInit_xor(void)
{
    return PyModuleDef_Init(&xor_module);
}
