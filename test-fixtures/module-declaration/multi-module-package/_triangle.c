/* _triangle: multi-phase, its slot array has no Py_mod_gil entry. */
#include "_shapes.h"

static PyObject *
triangle_area(PyObject *module, PyObject *args)
{
    double base, height;
    if (!PyArg_ParseTuple(args, "dd:area", &base, &height)) {
        return NULL;
    }
    return PyFloat_FromDouble(0.5 * base * height);
}

static PyMethodDef triangle_methods[] = {
    {"area", triangle_area, METH_VARARGS, "Area from base and height."},
    {NULL, NULL, 0, NULL}
};

static int
triangle_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "SIDES", 3);
}

static PyModuleDef_Slot triangle_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, triangle_exec},
    {0, NULL}
};

static struct PyModuleDef triangle_module = {
    PyModuleDef_HEAD_INIT, "shapes._triangle", NULL, 0, triangle_methods, triangle_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__triangle(void)
{
    return PyModuleDef_Init(&triangle_module);
}
