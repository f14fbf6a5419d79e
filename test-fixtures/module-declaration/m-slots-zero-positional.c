/* Multi-phase init of a positional def that spells its empty m_slots as `0`; the
 * variable name sits on the line after the type.
 * Findings: module-missing-gil-slot on the line naming the PyModuleDef variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
sign_sign(PyObject *module, PyObject *arg)
{
    double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong((x > 0) - (x < 0));
}

static PyMethodDef sign_methods[] = {
    {"sign", sign_sign, METH_O, "Sign of a number: -1, 0 or 1."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef
sign_module = {  // expect: module-missing-gil-slot
    PyModuleDef_HEAD_INIT, "sign", 0, 0, sign_methods, 0, 0, 0, 0
};

PyMODINIT_FUNC
PyInit_sign(void)
{
    return PyModuleDef_Init(&sign_module);
}
