/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry;
 * setup.py says python_requires=">=3.9", so the entry breaks the 3.9-3.12 builds.
 * Findings: gil-slot-unguarded on the entry line, naming 3.9 as the project's minimum. */
#include <Python.h>

static int
adler_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "VERSION", 1);
}

static PyModuleDef_Slot adler_slots[] = {
    {Py_mod_exec, adler_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef adler_module = {
    PyModuleDef_HEAD_INIT, .m_name = "adler", .m_slots = adler_slots,
};

PyMODINIT_FUNC
PyInit_adler(void)
{
    return PyModuleDef_Init(&adler_module);
}
