/* _circle: multi-phase, Py_mod_gil declared under #ifdef Py_mod_gil. Clean. */
#include "_shapes.h"

static PyObject *
circle_area(PyObject *module, PyObject *arg)
{
    double r = shapes_parse_length(arg);
    if (r < 0.0) {
        return NULL;
    }
    return PyFloat_FromDouble(SHAPES_PI * r * r);
}

static PyMethodDef circle_methods[] = {
    {"area", circle_area, METH_O, "Area of a circle of radius r."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot circle_slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef circle_module = {
    PyModuleDef_HEAD_INIT, "shapes._circle", NULL, 0, circle_methods, circle_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__circle(void)
{
    return PyModuleDef_Init(&circle_module);
}
