/* Owners that are not a plain name: an item of the argument tuple, the result of another
 * call, array elements; and a local holding another call's borrowed result. None can be
 * traced to a constructor in the function, so the reads are reported. A cast of a
 * parameter is seen through: the owner is the parameter.
 * Findings: borrowed-list-item and borrowed-dict-item on each of these reads. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
matrix_at(PyObject *module, PyObject *args)
{
    Py_ssize_t r, c;
    if (PyTuple_GET_SIZE(args) != 3
        || (r = PyLong_AsSsize_t(PyTuple_GET_ITEM(args, 1))) < 0
        || (c = PyLong_AsSsize_t(PyTuple_GET_ITEM(args, 2))) < 0) {
        PyErr_SetString(PyExc_TypeError, "matrix_at(rows, r, c)");
        return NULL;
    }
    PyObject *row = PyList_GetItem(PyTuple_GET_ITEM(args, 0), r);  // expect: borrowed-list-item
    if (row == NULL) {
        return NULL;
    }
    return Py_XNewRef(PyList_GetItem(row, c));  // expect: borrowed-list-item
}

static PyObject *
module_constant(PyObject *module, PyObject *name)
{
    return Py_XNewRef(PyDict_GetItemWithError(PyModule_GetDict(module), name));  // expect: borrowed-dict-item
}

static PyObject *
first_of_each(PyObject *module, PyObject *args)
{
    PyObject *lists[2];
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &lists[0], &PyList_Type, &lists[1])) {
        return NULL;
    }
    return PyTuple_Pack(2,
                        PyList_GET_ITEM(lists[0], 0),   // expect: borrowed-list-item
                        PyList_GET_ITEM(lists[1], 0));  // expect: borrowed-list-item
}

static PyObject *
typed_lookup(PyObject *module, PyObject *obj)
{
    PyObject *value = PyDict_GetItemString((PyObject *)obj, "__slots__");  // expect: borrowed-dict-item
    return Py_NewRef(value ? value : Py_None);
}

static PyMethodDef expr_methods[] = {
    {"matrix_at", matrix_at, METH_VARARGS, NULL},
    {"module_constant", module_constant, METH_O, NULL},
    {"first_of_each", first_of_each, METH_VARARGS, NULL},
    {"typed_lookup", typed_lookup, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
