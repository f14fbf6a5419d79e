/* Borrowed list reads inside Py_BEGIN_CRITICAL_SECTION(list): the lock keeps other threads
 * from changing the list, so they are safe. The section must be on the list itself: a
 * section on another object, or a read after Py_END_CRITICAL_SECTION(), is reported.
 * Findings: borrowed-list-item on the read under the wrong lock and the read after the section. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
index_of(PyObject *module, PyObject *args)
{
    PyObject *list, *needle;
    if (!PyArg_ParseTuple(args, "O!O:index_of", &PyList_Type, &list, &needle)) {
        return NULL;
    }
    Py_ssize_t found = -1;
    Py_BEGIN_CRITICAL_SECTION(list);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        if (PyList_GET_ITEM(list, i) == needle) {
            found = i;
            break;
        }
    }
    Py_END_CRITICAL_SECTION();
    return PyLong_FromSsize_t(found);
}

static PyObject *
last_item(PyObject *module, PyObject *list)
{
    Py_ssize_t n;
    Py_BEGIN_CRITICAL_SECTION(list);
    n = PyList_GET_SIZE(list);
    Py_END_CRITICAL_SECTION();
    if (n == 0) {
        Py_RETURN_NONE;
    }
    /* The lock is released: the list may have shrunk in between. */
    return Py_NewRef(PyList_GET_ITEM(list, n - 1));  // expect: borrowed-list-item
}

static PyObject *
pair_first(PyObject *module, PyObject *args)
{
    PyObject *guard, *list;
    if (!PyArg_ParseTuple(args, "OO!", &guard, &PyList_Type, &list)) {
        return NULL;
    }
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION(guard);
    if (PyList_GET_SIZE(list) > 0) {
        item = Py_NewRef(PyList_GET_ITEM(list, 0));  // expect: borrowed-list-item
    }
    Py_END_CRITICAL_SECTION();
    return item ? item : Py_NewRef(Py_None);
}

static PyMethodDef locked_methods[] = {
    {"index_of", index_of, METH_VARARGS, NULL},
    {"last_item", last_item, METH_O, NULL},
    {"pair_first", pair_first, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef locked_module = {
    PyModuleDef_HEAD_INIT, "locked", NULL, 0, locked_methods,
};

PyMODINIT_FUNC
PyInit_locked(void)
{
    return PyModuleDef_Init(&locked_module);
}
