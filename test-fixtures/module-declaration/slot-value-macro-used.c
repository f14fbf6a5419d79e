/* Generated-style module: the Py_mod_gil value is a macro whose default keeps the GIL
 * (`#ifndef GEN_FT_MODE / #define GEN_FT_MODE Py_MOD_GIL_USED`).
 * Findings: module-gil-used (through the macro) on the entry. */
#include <Python.h>

#ifndef GEN_FT_MODE
#  define GEN_FT_MODE Py_MOD_GIL_USED
#endif

static int
gen_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "GENERATOR", "mygen 2.1");
}

static PyModuleDef_Slot gen_slots[] = {
    {Py_mod_exec, gen_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, GEN_FT_MODE},  // expect: module-gil-used
#endif
    {0, NULL}
};

static struct PyModuleDef gen_module = {
    PyModuleDef_HEAD_INIT, .m_name = "gen", .m_slots = gen_slots,
};

PyMODINIT_FUNC
PyInit_gen(void)
{
    return PyModuleDef_Init(&gen_module);
}
