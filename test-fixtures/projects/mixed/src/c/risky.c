/* Declared, but a borrowed reference is left: the riskiest state. */
#include <Python.h>

static PyObject *
lookup(PyObject *self, PyObject *args)
{
    PyObject *table, *key;
    if (!PyArg_ParseTuple(args, "OO", &table, &key)) return NULL;
    return Py_XNewRef(PyDict_GetItem(table, key));  // expect: borrowed-dict-item
}

static PyMethodDef risky_methods[] = {{"lookup", lookup, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};

static int risky_exec(PyObject *m) { return PyModule_AddFunctions(m, risky_methods); }

static PyModuleDef_Slot risky_slots[] = {
    {Py_mod_exec, risky_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef risky_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "mixed.risky",
    .m_slots = risky_slots,
};

PyMODINIT_FUNC PyInit_risky(void) { return PyModuleDef_Init(&risky_module); }
