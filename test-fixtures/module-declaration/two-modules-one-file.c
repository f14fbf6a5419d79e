/* Two multi-phase modules in one file (an accelerated and a pure-C fallback variant):
 * _fastpath declares Py_mod_gil, _slowpath's def has m_slots NULL. The declaration of the
 * first must not be credited to the second.
 * Findings: module-missing-gil-slot on the line naming _slowpath's PyModuleDef. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
path_join2(PyObject *module, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "UU:join2", &a, &b)) {
        return NULL;
    }
    return PyUnicode_FromFormat("%U/%U", a, b);
}

static PyMethodDef path_methods[] = {
    {"join2", path_join2, METH_VARARGS, "Join two path parts."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot fastpath_slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef fastpath_module = {
    PyModuleDef_HEAD_INIT, "_fastpath", NULL, 0, path_methods, fastpath_slots, NULL, NULL, NULL
};

static struct PyModuleDef slowpath_module = {  // expect: module-missing-gil-slot
    PyModuleDef_HEAD_INIT, "_slowpath", NULL, 0, path_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__fastpath(void)
{
    return PyModuleDef_Init(&fastpath_module);
}

PyMODINIT_FUNC
PyInit__slowpath(void)
{
    return PyModuleDef_Init(&slowpath_module);
}
