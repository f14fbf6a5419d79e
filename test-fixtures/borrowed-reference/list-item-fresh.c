/* Lists the function builds itself (PyList_New, PySequence_List, PyList_GetSlice,
 * PyDict_Keys, PyObject_Dir) and has not handed to anyone: no other thread can see them, so
 * borrowed reads are safe. Passing the list as the FIRST argument (PyList_Append(list, x),
 * PyList_Sort(list)) works on it without publishing it.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
squares(PyObject *module, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *sq = PyLong_FromSsize_t(i * i);
        if (sq == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, sq);
    }
    /* Read back our own list: nobody else has it yet. */
    if (n > 0 && PyList_GET_ITEM(out, 0) == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *
median(PyObject *module, PyObject *iterable)
{
    PyObject *sorted = PySequence_List(iterable);
    if (sorted == NULL) {
        return NULL;
    }
    if (PyList_Sort(sorted) < 0) {
        Py_DECREF(sorted);
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(sorted);
    if (n == 0) {
        Py_DECREF(sorted);
        PyErr_SetString(PyExc_ValueError, "median of an empty sequence");
        return NULL;
    }
    PyObject *mid = Py_NewRef(PyList_GET_ITEM(sorted, n / 2));
    Py_DECREF(sorted);
    return mid;
}

static PyObject *
second_half_head(PyObject *module, PyObject *list)
{
    PyObject *half = PyList_GetSlice(list, PyList_Size(list) / 2, PY_SSIZE_T_MAX);
    if (half == NULL) {
        return NULL;
    }
    PyObject *head = PyList_GetItem(half, 0);
    Py_XINCREF(head);
    Py_DECREF(half);
    return head;
}

static PyObject *
first_key(PyObject *module, PyObject *mapping)
{
    PyObject *keys = PyDict_Keys(mapping);
    if (keys == NULL) {
        return NULL;
    }
    PyObject *key = PyList_GET_SIZE(keys) ? Py_NewRef(PyList_GET_ITEM(keys, 0)) : Py_NewRef(Py_None);
    Py_DECREF(keys);
    return key;
}

static PyObject *
public_names(PyObject *module, PyObject *obj)
{
    PyObject *names = PyObject_Dir(obj);
    if (names == NULL) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        Py_DECREF(names);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(names); i++) {
        PyObject *name = PyList_GET_ITEM(names, i);
        if (PyUnicode_READ_CHAR(name, 0) != '_' && PyList_Append(out, name) < 0) {
            Py_DECREF(names);
            Py_DECREF(out);
            return NULL;
        }
    }
    Py_DECREF(names);
    /* `out` was only ever the first argument of PyList_Append: still private. */
    if (PyList_GET_SIZE(out) > 0 && PyList_GetItem(out, 0) == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyMethodDef listfresh_methods[] = {
    {"squares", squares, METH_O, NULL},
    {"median", median, METH_O, NULL},
    {"second_half_head", second_half_head, METH_O, NULL},
    {"first_key", first_key, METH_O, NULL},
    {"public_names", public_names, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef listfresh_module = {
    PyModuleDef_HEAD_INIT, "listfresh", NULL, 0, listfresh_methods,
};

PyMODINIT_FUNC
PyInit_listfresh(void)
{
    return PyModuleDef_Init(&listfresh_module);
}
