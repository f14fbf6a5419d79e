/* The _units module: single-phase init, set-up shared with setup.c. */
#include "common.h"

static PyObject *
units_inches(PyObject *module, PyObject *arg)
{
    double mm = PyFloat_AsDouble(arg);
    if (mm == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return PyFloat_FromDouble(mm / 25.4);
}

static PyMethodDef units_methods[] = {
    {"inches", units_inches, METH_O, "Millimetres to inches."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef units_module = {
    PyModuleDef_HEAD_INIT, "_units", NULL, -1, units_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__units(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&units_module);
    if (m == NULL) {
        return NULL;
    }
    if (units_finish_init(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
