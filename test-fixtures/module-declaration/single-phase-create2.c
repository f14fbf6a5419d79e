/* Single-phase module created with PyModule_Create2(&def, PYTHON_API_VERSION), no
 * PyUnstable_Module_SetGIL anywhere.
 * Findings: module-missing-set-gil on the PyInit_ line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
apiver_get(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(PYTHON_API_VERSION);
}

static PyMethodDef apiver_methods[] = {
    {"get", apiver_get, METH_NOARGS, "The C API version this module was built for."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef apiver_module = {
    PyModuleDef_HEAD_INIT, "apiver", NULL, -1, apiver_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_apiver(void)  // expect: module-missing-set-gil
{
    PyObject *m;

    m = PyModule_Create2(&apiver_module, PYTHON_API_VERSION);
    if (m == NULL) {
        return NULL;
    }
    return m;
}
