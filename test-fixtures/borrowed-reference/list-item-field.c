/* A list held in a field of an extension object (self->items): every thread holding the
 * object can reach it. A critical section on the field's list makes the read safe; one on
 * `self` does not, because list methods called from Python lock the list, not its owner.
 * Findings: borrowed-list-item on the unlocked read and on the read under the owner's lock. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;    /* a list */
    Py_ssize_t cursor;
} RingObject;

static PyObject *
ring_peek(RingObject *self, PyObject *Py_UNUSED(ignored))
{
    if (PyList_GET_SIZE(self->items) == 0) {
        Py_RETURN_NONE;
    }
    PyObject *item = PyList_GET_ITEM(self->items, self->cursor % PyList_GET_SIZE(self->items));  // expect: borrowed-list-item
    return Py_NewRef(item);
}

static PyObject *
ring_peek_locked(RingObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *item = Py_None;
    Py_BEGIN_CRITICAL_SECTION(self->items);
    Py_ssize_t n = PyList_GET_SIZE(self->items);
    if (n > 0) {
        item = PyList_GET_ITEM(self->items, self->cursor % n);
    }
    Py_INCREF(item);
    Py_END_CRITICAL_SECTION();
    return item;
}

static PyObject *
ring_next(RingObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_ssize_t n = PyList_Size(self->items);
    if (n > 0) {
        item = PyList_GetItem(self->items, self->cursor++ % n);  // expect: borrowed-list-item
        Py_XINCREF(item);
    }
    Py_END_CRITICAL_SECTION();
    if (item == NULL && !PyErr_Occurred()) {
        Py_RETURN_NONE;
    }
    return item;
}

static PyObject *
ring_next_fixed(RingObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_ssize_t n = PyList_Size(self->items);
    if (n > 0) {
        item = PyList_GetItemRef(self->items, self->cursor++ % n);
    }
    Py_END_CRITICAL_SECTION();
    if (item == NULL && !PyErr_Occurred()) {
        Py_RETURN_NONE;
    }
    return item;
}

static PyMethodDef ring_methods[] = {
    {"peek", (PyCFunction)ring_peek, METH_NOARGS, NULL},
    {"peek_locked", (PyCFunction)ring_peek_locked, METH_NOARGS, NULL},
    {"next", (PyCFunction)ring_next, METH_NOARGS, NULL},
    {"next_fixed", (PyCFunction)ring_next_fixed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject RingType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ring.Ring",
    .tp_basicsize = sizeof(RingObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = ring_methods,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef ring_module = {
    PyModuleDef_HEAD_INIT, "ring", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_ring(void)
{
    if (PyType_Ready(&RingType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&ring_module);
    if (m != NULL && PyModule_AddObjectRef(m, "Ring", (PyObject *)&RingType) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
