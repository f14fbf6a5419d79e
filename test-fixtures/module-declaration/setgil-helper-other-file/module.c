/* The _geo module: single-phase init; free-threading is declared by setup.c. */
#include "common.h"

static PyObject *
geo_to_radians(PyObject *module, PyObject *arg)
{
    double deg = PyFloat_AsDouble(arg);
    if (deg == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return PyFloat_FromDouble(deg * 3.14159265358979323846 / 180.0);
}

static PyMethodDef geo_methods[] = {
    {"to_radians", geo_to_radians, METH_O, "Degrees to radians."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef geo_module = {
    PyModuleDef_HEAD_INIT, "_geo", NULL, -1, geo_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__geo(void)
{
    PyObject *m = PyModule_Create(&geo_module);
    if (m == NULL) {
        return NULL;
    }
    if (finish_module_init(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
