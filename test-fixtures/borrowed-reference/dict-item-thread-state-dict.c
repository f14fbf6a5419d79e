#include <Python.h>

/* The thread state's dict belongs to the calling thread: no other thread reaches it. */
static PyObject *
cached(PyObject *self, PyObject *unused)
{
    PyObject *d = PyThreadState_GetDict();
    if (d == NULL) return NULL;
    PyObject *hit = PyDict_GetItemString(d, "demo.cache");
    PyObject *again = PyDict_GetItemString(PyThreadState_GetDict(), "demo.cache");
    return Py_XNewRef(hit != NULL ? hit : again);
}

static PyObject *shared;

static PyObject *
other(PyObject *self, PyObject *unused)
{
    return Py_XNewRef(PyDict_GetItemString(shared, "demo.cache"));  // expect: borrowed-dict-item
}

static PyMethodDef methods[] = {{"cached", cached, METH_NOARGS, NULL}, {"other", other, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
