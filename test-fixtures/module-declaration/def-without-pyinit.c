/* A PyModuleDef with no slots whose PyInit_ function is nowhere in the project (it may be
 * generated, or live in code the audit does not see). Single- or multi-phase is unknown,
 * so nothing can be said.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
orphan_ident(PyObject *module, PyObject *arg)
{
    Py_INCREF(arg);
    return arg;
}

static PyMethodDef orphan_methods[] = {
    {"ident", orphan_ident, METH_O, "Return the argument."},
    {NULL, NULL, 0, NULL}
};

struct PyModuleDef orphan_module = {
    PyModuleDef_HEAD_INIT, "orphan", NULL, -1, orphan_methods, NULL, NULL, NULL, NULL
};
