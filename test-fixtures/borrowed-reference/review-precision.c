/* Regression (review): fresh containers from more constructors, the args tuple,
 * local aliases, and tp_traverse/tp_dealloc, none of which another thread can touch. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;
    PyObject *dict;
} Holder;

static PyObject *
first_item(PyObject *self, PyObject *mapping)
{
    PyObject *items = PyMapping_Items(mapping);
    if (items == NULL || PyList_GET_SIZE(items) == 0) {
        return items;
    }
    PyObject *first = Py_NewRef(PyList_GET_ITEM(items, 0));
    Py_DECREF(items);
    return first;
}

static PyObject *
words(PyObject *self, PyObject *text)
{
    PyObject *parts = PyUnicode_Split(text, NULL, -1);
    PyObject *alias = parts;
    PyObject *word = parts ? Py_XNewRef(PyList_GetItem(parts, 0)) : NULL;
    Py_XDECREF(alias);
    return word;
}

static PyObject *
first_arg(PyObject *self, PyObject *args)
{
    PyObject *seq = PySequence_Fast(args, "args");
    PyObject *item = seq ? Py_XNewRef(PySequence_Fast_GET_ITEM(seq, 0)) : NULL;
    Py_XDECREF(seq);
    return item;
}

static int
Holder_traverse(Holder *self, visitproc visit, void *arg)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(self->items); i++) {
        Py_VISIT(PyList_GET_ITEM(self->items, i));
    }
    while (self->dict && PyDict_Next(self->dict, &pos, &key, &value)) {
        Py_VISIT(value);
    }
    return 0;
}

static void
Holder_dealloc(Holder *self)
{
    PyObject *last = PyList_GetItem(self->items, 0);
    (void)last;
    Py_XDECREF(self->items);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
still_shared(Holder *self, PyObject *unused)
{
    return Py_XNewRef(PyList_GetItem(self->items, 0));  // expect: borrowed-list-item
}
