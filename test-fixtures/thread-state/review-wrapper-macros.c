/* Regression (review): the project's own macros around Py_BEGIN/END_ALLOW_THREADS detach too. */
#include <Python.h>

#define RELEASE_GIL Py_BEGIN_ALLOW_THREADS
#define ACQUIRE_GIL Py_END_ALLOW_THREADS

static PyObject *
slow(PyObject *self, PyObject *obj)
{
    long n = 0;
    RELEASE_GIL
    for (int i = 0; i < 1000; i++) {
        n += i;
    }
    Py_INCREF(obj);  // expect: python-api-while-detached
    ACQUIRE_GIL
    return PyLong_FromLong(n);
}
