/* Single-phase module that guards PyUnstable_Module_SetGIL with `#ifdef Py_mod_gil`: not
 * enough, the regular 3.13/3.14 build defines Py_mod_gil but does not declare the function.
 * Findings: gil-slot-unguarded on the call line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
cube_cube(PyObject *module, PyObject *arg)
{
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return PyFloat_FromDouble(x * x * x);
}

static PyMethodDef cube_methods[] = {
    {"cube", cube_cube, METH_O, "x ** 3"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef cube_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "cube",
    .m_size = -1,
    .m_methods = cube_methods,
};

PyMODINIT_FUNC
PyInit_cube(void)
{
    PyObject *m = PyModule_Create(&cube_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_mod_gil
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);  // expect: gil-slot-unguarded
#endif
    return m;
}
