/* PySequence_Fast over a list the function made itself (PySequence_List, PyDict_Values)
 * reads private data: silent. A private tuple from PySequence_Tuple read with
 * PyTuple_GET_ITEM is never reported. PySequence_Fast over a field (self->pending) or
 * over an expression (the first item of the argument tuple) reads a shared list: reported.
 * Findings: borrowed-sequence-fast on the reads of the fast sequences of `self->pending`
 * and of `PyTuple_GET_ITEM(args, 0)`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *pending;   /* list of callables */
} SchedulerObject;

static PyObject *
sorted_head(PyObject *module, PyObject *iterable)
{
    PyObject *copy = PySequence_List(iterable);
    if (copy == NULL || PyList_Sort(copy) < 0) {
        Py_XDECREF(copy);
        return NULL;
    }
    PyObject *seq = PySequence_Fast(copy, "unreachable");
    Py_DECREF(copy);
    if (seq == NULL) {
        return NULL;
    }
    PyObject *head = PySequence_Fast_GET_SIZE(seq) ? Py_NewRef(PySequence_Fast_GET_ITEM(seq, 0)) : Py_NewRef(Py_None);
    Py_DECREF(seq);
    return head;
}

static PyObject *
values_sum(PyObject *module, PyObject *mapping)
{
    PyObject *values = PyDict_Values(mapping);
    if (values == NULL) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(values, "unreachable");
    Py_DECREF(values);
    if (seq == NULL) {
        return NULL;
    }
    PyObject *total = PyLong_FromLong(0);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; total != NULL && i < PySequence_Fast_GET_SIZE(seq); i++) {
        Py_SETREF(total, PyNumber_Add(total, items[i]));
    }
    Py_DECREF(seq);
    return total;
}

static PyObject *
tuple_snapshot_head(PyObject *module, PyObject *iterable)
{
    PyObject *snapshot = PySequence_Tuple(iterable);
    if (snapshot == NULL) {
        return NULL;
    }
    PyObject *head = PyTuple_GET_SIZE(snapshot) ? Py_NewRef(PyTuple_GET_ITEM(snapshot, 0)) : Py_NewRef(Py_None);
    Py_DECREF(snapshot);
    return head;
}

static PyObject *
scheduler_run(SchedulerObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *seq = PySequence_Fast(self->pending, "pending must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *r = PyObject_CallNoArgs(PySequence_Fast_GET_ITEM(seq, i));  // expect: borrowed-sequence-fast
        if (r == NULL) {
            Py_DECREF(seq);
            return NULL;
        }
        Py_DECREF(r);
    }
    Py_DECREF(seq);
    Py_RETURN_NONE;
}

static PyObject *
count_not_none(PyObject *module, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) != 1) {
        PyErr_SetString(PyExc_TypeError, "count_not_none() takes one argument");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(PyTuple_GET_ITEM(args, 0), "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        n += PySequence_Fast_GET_ITEM(seq, i) != Py_None;  // expect: borrowed-sequence-fast
    }
    Py_DECREF(seq);
    return PyLong_FromSsize_t(n);
}

static PyMethodDef scheduler_methods[] = {
    {"run", (PyCFunction)scheduler_run, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef fastfresh_methods[] = {
    {"sorted_head", sorted_head, METH_O, NULL},
    {"values_sum", values_sum, METH_O, NULL},
    {"tuple_snapshot_head", tuple_snapshot_head, METH_O, NULL},
    {"count_not_none", count_not_none, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
