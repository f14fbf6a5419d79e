/* Regression from review: function-like slot macro SLOT(Py_mod_gil, Py_MOD_GIL_NOT_USED). */
#include <Python.h>

#define SLOT(id, value) {id, (void *)(value)}

static int exec_mod(PyObject *m) { return 0; }

static PyModuleDef_Slot module_slots[] = {
    SLOT(Py_mod_exec, exec_mod),
#ifdef Py_mod_gil
    SLOT(Py_mod_gil, Py_MOD_GIL_NOT_USED),
#endif
    {0, NULL}
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, .m_name = "fnmacro", .m_slots = module_slots,
};

PyMODINIT_FUNC PyInit_fnmacro(void) { return PyModuleDef_Init(&moduledef); }
