#include "arrayobject.h"

Py_ssize_t
PyGrid_Count(PyGridObject *grid, char needle)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < grid->length; i++) n += grid->data[i] == needle;
    return n;
}

static PyObject *
count(PyObject *self, PyObject *arg)
{
    Py_ssize_t n;
    char *data;
    Py_BEGIN_ALLOW_THREADS
    data = PyGrid_DATA(arg);
    n = PyGrid_Count((PyGridObject *)arg, 'x') + PyGrid_LENGTH(arg) * 0;
    Py_END_ALLOW_THREADS
    (void)data;
    return PyLong_FromSsize_t(n);
}

static PyObject *
first(PyObject *self, PyObject *list)
{
    PyObject *item;
    Py_BEGIN_ALLOW_THREADS
    item = PyList_GetItemRef(list, 0);  // expect: python-api-while-detached
    Py_END_ALLOW_THREADS
    return item;
}
