/* The Py_mod_gil value macro is defined per build: Py_MOD_GIL_NOT_USED for the free-threaded
 * one, Py_MOD_GIL_USED otherwise. The free-threaded build declares NOT_USED, but the entry
 * itself is unguarded, so the 3.9-3.12 builds break on Py_mod_gil; the fix keeps the macro.
 * Findings: gil-slot-unguarded on the entry only. */
#include <Python.h>

#ifdef Py_GIL_DISABLED
#  define HEAP_GIL_MODE Py_MOD_GIL_NOT_USED
#else
#  define HEAP_GIL_MODE Py_MOD_GIL_USED
#endif

static int
heap_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "ARITY", 2);
}

static PyModuleDef_Slot heap_slots[] = {
    {Py_mod_exec, heap_exec},
    {Py_mod_gil, HEAP_GIL_MODE},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef heap_module = {
    PyModuleDef_HEAD_INIT, .m_name = "heap", .m_slots = heap_slots,
};

PyMODINIT_FUNC
PyInit_heap(void)
{
    return PyModuleDef_Init(&heap_module);
}
