#include "counter.h"

struct Holder {
    PyObject_HEAD
    static int clear(Holder *self);
};

int Holder::clear(Holder *self) { return 0; }

static PyTypeObject HolderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    /* tp_name */ "m.Holder",
    /* tp_basicsize */ sizeof(Holder),
    /* tp_clear */ (inquiry)Holder::clear,
};

static int calls = 0;

static PyObject *
count(PyObject *self, PyObject *unused)
{
    calls++;  // expect: static-state-write
    return PyLong_FromLong(calls);
}

static PyMethodDef methods[] = {{"count", count, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
