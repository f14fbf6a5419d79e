/* Declared, but ob_refcnt does not exist in the free-threaded PyObject: blocked. */
#include <Python.h>

static int is_unique(PyObject *o) { return o->ob_refcnt == 1; }  // expect: object-header-access

static int broken_exec(PyObject *m) { return is_unique(m) ? 0 : 0; }

static PyModuleDef_Slot broken_slots[] = {
    {Py_mod_exec, broken_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef broken_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "mixed.broken",
    .m_slots = broken_slots,
};

PyMODINIT_FUNC PyInit_broken(void) { return PyModuleDef_Init(&broken_module); }
