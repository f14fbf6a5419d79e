/* Python 2/3 compatible single-phase module whose Python 3 init declares itself with
 * PyUnstable_Module_SetGIL under #ifdef Py_GIL_DISABLED. The Python 2 branch is ignored.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
oldnew_kind(PyObject *self, PyObject *unused)
{
#if PY_MAJOR_VERSION >= 3
    return PyUnicode_FromString("py3");
#else
    return PyString_FromString("py2");
#endif
}

static PyMethodDef oldnew_methods[] = {
    {"kind", oldnew_kind, METH_NOARGS, "Which major version this was built for."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef oldnew_module = {
    PyModuleDef_HEAD_INIT, "oldnew", NULL, -1, oldnew_methods, NULL, NULL, NULL, NULL
};
#endif

#if PY_MAJOR_VERSION >= 3
PyMODINIT_FUNC
PyInit_oldnew(void)
{
    PyObject *m = PyModule_Create(&oldnew_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
#else
PyMODINIT_FUNC
initoldnew(void)
{
    Py_InitModule("oldnew", oldnew_methods);
}
#endif
