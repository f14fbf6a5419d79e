/* Regression (review): PySequence_Fast_* used only where the limited API is off. */
#ifndef Py_GIL_DISABLED
#define Py_LIMITED_API 0x030A0000
#endif
#include <Python.h>

static PyObject *
first(PyObject *self, PyObject *args)
{
    PyObject *seq = PySequence_Fast(args, "a sequence");
    PyObject *item;
    if (seq == NULL) {
        return NULL;
    }
#ifdef Py_LIMITED_API
    item = PySequence_GetItem(seq, 0);
#else
    item = Py_XNewRef(PySequence_Fast_GET_ITEM(seq, 0));
#endif
    Py_DECREF(seq);
    return item;
}
