/* Single-phase module that calls PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED) with no
 * Py_GIL_DISABLED guard: the note and the unguarded-call warning share the line.
 * Findings: module-gil-used and gil-slot-unguarded on the call line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
envcache_lookup(PyObject *module, PyObject *arg)
{
    const char *name = PyUnicode_AsUTF8(arg);
    if (name == NULL) {
        return NULL;
    }
    const char *value = getenv(name);
    if (value == NULL) {
        Py_RETURN_NONE;
    }
    return PyUnicode_FromString(value);
}

static PyMethodDef envcache_methods[] = {
    {"lookup", envcache_lookup, METH_O, "Read an environment variable."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef envcache_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "envcache",
    .m_size = -1,
    .m_methods = envcache_methods,
};

PyMODINIT_FUNC
PyInit_envcache(void)
{
    PyObject *m = PyModule_Create(&envcache_module);
    if (m == NULL) {
        return NULL;
    }
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED);  // expect: module-gil-used, gil-slot-unguarded
    return m;
}
