/* Single-phase module that calls PyUnstable_Module_SetGIL under
 * `#if defined(Py_GIL_DISABLED)` and checks its result.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
wrap_width(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(79);
}

static PyMethodDef wrap_methods[] = {
    {"width", wrap_width, METH_NOARGS, "Default wrapping width."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef wrap_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "wrap",
    .m_size = -1,
    .m_methods = wrap_methods,
};

PyMODINIT_FUNC
PyInit_wrap(void)
{
    PyObject *module = PyModule_Create(&wrap_module);
    if (module == NULL) {
        return NULL;
    }
#if defined(Py_GIL_DISABLED)
    if (PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED) < 0) {
        Py_DECREF(module);
        return NULL;
    }
#endif
    if (PyModule_AddIntConstant(module, "MAX_WIDTH", 200) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
