/* static-state-write: a function reached through a type's slots (PyType_Slot)
 * and a getter table, in a two-file project; the helper lives in util.c. */
#include <Python.h>
#include "util.h"

static PyObject *
Counter_next(PyObject *self)
{
    bump_total();
    return PyLong_FromLong(1);
}

static PyObject *
Counter_get_total(PyObject *self, void *closure)
{
    return PyLong_FromLong(read_total());
}

static PyGetSetDef Counter_getset[] = {
    {"total", Counter_get_total, NULL, NULL, NULL},
    {NULL},
};

static PyType_Slot Counter_slots[] = {
    {Py_tp_iternext, Counter_next},
    {Py_tp_getset, Counter_getset},
    {0, NULL},
};

PyType_Spec Counter_spec = {
    .name = "counter.Counter",
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = Counter_slots,
};
