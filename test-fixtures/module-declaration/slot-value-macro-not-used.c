/* Multi-phase module whose Py_mod_gil value is a project macro, defined (like the entry)
 * only where Py_mod_gil exists, through a second macro: MYLIB_GIL -> MYLIB_FT_GIL ->
 * Py_MOD_GIL_NOT_USED.
 * Findings: clean (declared yes). */
#include <Python.h>

#ifdef Py_mod_gil
#  define MYLIB_FT_GIL Py_MOD_GIL_NOT_USED
#  define MYLIB_GIL MYLIB_FT_GIL
#endif

static int
sieve_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "LIMIT", 1000);
}

static PyModuleDef_Slot sieve_slots[] = {
    {Py_mod_exec, sieve_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, MYLIB_GIL},
#endif
    {0, NULL}
};

static struct PyModuleDef sieve_module = {
    PyModuleDef_HEAD_INIT, .m_name = "sieve", .m_slots = sieve_slots,
};

PyMODINIT_FUNC
PyInit_sieve(void)
{
    return PyModuleDef_Init(&sieve_module);
}
