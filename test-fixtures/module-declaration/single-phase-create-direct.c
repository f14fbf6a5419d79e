/* Single-phase module whose PyInit_ returns PyModule_Create(&def) directly (no variable to
 * pass to PyUnstable_Module_SetGIL), so it never declares free-threading support.
 * Findings: module-missing-set-gil on the PyInit_ line (PyMODINIT_FUNC is on the line above). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
fastabs_fabs(PyObject *module, PyObject *arg)
{
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return PyFloat_FromDouble(x < 0 ? -x : x);
}

static PyMethodDef fastabs_methods[] = {
    {"fabs", fastabs_fabs, METH_O, "Absolute value of a float."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fastabs_module = {
    PyModuleDef_HEAD_INIT,
    "fastabs",
    NULL,
    -1,
    fastabs_methods
};

PyMODINIT_FUNC
PyInit_fastabs(void)  // expect: module-missing-set-gil
{
    return PyModule_Create(&fastabs_module);
}
