/* _square: single-phase, PyUnstable_Module_SetGIL under #ifdef Py_GIL_DISABLED. Clean. */
#include "_shapes.h"

static PyObject *
square_area(PyObject *module, PyObject *arg)
{
    double side = shapes_parse_length(arg);
    if (side < 0.0) {
        return NULL;
    }
    return PyFloat_FromDouble(side * side);
}

static PyMethodDef square_methods[] = {
    {"area", square_area, METH_O, "Area of a square."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef square_module = {
    PyModuleDef_HEAD_INIT, "shapes._square", NULL, -1, square_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__square(void)
{
    PyObject *m = PyModule_Create(&square_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
