/* Scaling a list of floats into a new list, and the module definition. */
#include "vecutil.h"

PyObject *vec_head(PyObject *module, PyObject *vector);

PyObject *
vec_scale(PyObject *module, PyObject *args)
{
    PyObject *vector;
    double factor;
    if (!PyArg_ParseTuple(args, "O!d:scale", &PyList_Type, &vector, &factor)) {
        return NULL;
    }
    Py_ssize_t n = PyList_Size(vector);
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double x = PyFloat_AsDouble(PyList_GetItem(vector, i));  // expect: borrowed-list-item
        PyObject *scaled = (x == -1.0 && PyErr_Occurred()) ? NULL : PyFloat_FromDouble(x * factor);
        if (scaled == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, scaled);
    }
    /* `out` is ours until we return it. */
    if (n > 0 && PyFloat_AsDouble(VEC_FIRST(out)) != PyFloat_AsDouble(PyList_GET_ITEM(out, 0))) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *
vec_head_ref(PyObject *module, PyObject *vector)
{
    return VEC_FIRST_REF(vector);
}

static PyMethodDef vec_methods[] = {
    {"norm", vec_norm, METH_O, NULL},
    {"scale", vec_scale, METH_VARARGS, NULL},
    {"head", vec_head, METH_O, NULL},
    {"head_ref", vec_head_ref, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef vec_module = {
    PyModuleDef_HEAD_INIT, "vecutil", NULL, 0, vec_methods,
};

PyMODINIT_FUNC
PyInit_vecutil(void)
{
    return PyModuleDef_Init(&vec_module);
}
