/* The Py_mod_gil value macro is defined only for regular builds (#ifndef Py_GIL_DISABLED),
 * so the free-threaded build gets no Py_MOD_GIL_NOT_USED from it.
 * Findings: module-missing-gil-slot (noGilSlot) on the slot array. */
#include <Python.h>

#ifndef Py_GIL_DISABLED
#  define DEQUE_GIL Py_MOD_GIL_NOT_USED
#endif

static int
deque_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "BLOCK", 64);
}

static PyModuleDef_Slot deque_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, deque_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, DEQUE_GIL},
#endif
    {0, NULL}
};

static struct PyModuleDef deque_module = {
    PyModuleDef_HEAD_INIT, .m_name = "deque", .m_slots = deque_slots,
};

PyMODINIT_FUNC
PyInit_deque(void)
{
    return PyModuleDef_Init(&deque_module);
}
