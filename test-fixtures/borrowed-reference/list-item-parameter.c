/* A list received as a parameter, directly (METH_O) or through PyArg_ParseTuple, read with
 * PyList_GetItem and PyList_GET_ITEM: the caller may share the list with other threads.
 * The same functions rewritten with PyList_GetItemRef are clean.
 * Findings: borrowed-list-item on each borrowed read of a list the function did not create. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
stats_first(PyObject *module, PyObject *values)
{
    PyObject *item = PyList_GetItem(values, 0);  // expect: borrowed-list-item
    if (item == NULL) {
        return NULL;
    }
    return Py_NewRef(item);
}

static PyObject *
stats_total(PyObject *module, PyObject *args)
{
    PyObject *values;
    if (!PyArg_ParseTuple(args, "O!:total", &PyList_Type, &values)) {
        return NULL;
    }
    double total = 0.0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(values); i++) {
        double x = PyFloat_AsDouble(PyList_GET_ITEM(values, i));  // expect: borrowed-list-item
        if (x == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        total += x;
    }
    return PyFloat_FromDouble(total);
}

/* The fixed versions: a strong reference from PyList_GetItemRef. */
static PyObject *
stats_first_fixed(PyObject *module, PyObject *values)
{
    return PyList_GetItemRef(values, 0);
}

static PyObject *
stats_total_fixed(PyObject *module, PyObject *values)
{
    double total = 0.0;
    for (Py_ssize_t i = 0; i < PyList_Size(values); i++) {
        PyObject *item = PyList_GetItemRef(values, i);
        if (item == NULL) {
            return NULL;
        }
        double x = PyFloat_AsDouble(item);
        Py_DECREF(item);
        if (x == -1.0 && PyErr_Occurred()) {
            return NULL;
        }
        total += x;
    }
    return PyFloat_FromDouble(total);
}

static PyMethodDef stats_methods[] = {
    {"first", stats_first, METH_O, NULL},
    {"total", stats_total, METH_VARARGS, NULL},
    {"first_fixed", stats_first_fixed, METH_O, NULL},
    {"total_fixed", stats_total_fixed, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef stats_module = {
    PyModuleDef_HEAD_INIT, "stats", NULL, 0, stats_methods,
};

PyMODINIT_FUNC
PyInit_stats(void)
{
    return PyModuleDef_Init(&stats_module);
}
