/* python-api-while-detached: C API calls and refcount macros inside
 * Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS, with the calls that are
 * safe there, the Py_BLOCK_THREADS escape hatch, and look-alikes outside. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static PyMutex table_lock;

static PyObject *
copy_and_count(PyObject *self, PyObject *args)
{
    Py_buffer view;
    char *copy;
    long zeros = 0;

    if (!PyArg_ParseTuple(args, "y*", &view)) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    copy = PyMem_RawMalloc(view.len);        /* raw domain: safe without a thread state */
    PyMutex_Lock(&table_lock);
    if (copy != NULL) {
        memcpy(copy, view.buf, view.len);
        for (Py_ssize_t i = 0; i < view.len; i++) {
            zeros += copy[i] == 0;
        }
    }
    PyMutex_Unlock(&table_lock);
    Py_INCREF(self);  // expect: python-api-while-detached
    PyErr_SetString(PyExc_RuntimeError,  // expect: python-api-while-detached
                    "inside the block");
    Py_DECREF(self);  // expect: python-api-while-detached
    Py_END_ALLOW_THREADS

    PyBuffer_Release(&view);
    PyMem_RawFree(copy);
    return PyLong_FromLong(zeros);
}

static PyObject *
read_all(PyObject *self, PyObject *arg)
{
    int fd = PyLong_AsInt(arg);
    char buffer[256];
    Py_ssize_t n;

    Py_BEGIN_ALLOW_THREADS
    n = read(fd, buffer, sizeof(buffer));
    if (n < 0) {
        Py_BLOCK_THREADS
        PyErr_SetFromErrno(PyExc_OSError);   /* re-attached: fine */
        return NULL;
    }
    n = Py_MIN(n, (Py_ssize_t)sizeof(buffer));   /* pure macro */
    Py_END_ALLOW_THREADS

    return PyBytes_FromStringAndSize(buffer, n);
}

static PyObject *
nested(PyObject *self, PyObject *list)
{
    Py_ssize_t size = PyList_GET_SIZE(list);
    Py_BEGIN_ALLOW_THREADS
    if (size > 0) {
        size = PyList_Size(list);  // expect: python-api-while-detached
    }
    Py_END_ALLOW_THREADS
    /* After the block the thread is attached again: */
    return PyLong_FromSsize_t(size + PyList_Size(list));
}

static PyObject *
guarded(PyObject *self, PyObject *obj)
{
    Py_BEGIN_ALLOW_THREADS
#ifndef Py_GIL_DISABLED
    Py_INCREF(obj);   /* never compiled in the free-threaded build */
    Py_DECREF(obj);
#endif
    /* Py_DECREF(obj) in a comment is not a call */
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

/* PyEval_SaveThread / PyEval_RestoreThread detach the thread like the macros do. */
static PyObject *
explicit_detach(PyObject *self, PyObject *obj)
{
    PyThreadState *save = PyEval_SaveThread();
    Py_ssize_t n = PyObject_Length(obj);  // expect: python-api-while-detached
    PyEval_RestoreThread(save);
    return PyLong_FromSsize_t(n + PyObject_Length(obj));
}
