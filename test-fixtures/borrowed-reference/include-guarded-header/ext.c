#include "lookup.h"
#include "lookup.h"

static PyObject *
get(PyObject *self, PyObject *args)
{
    PyObject *table, *key;
    if (!PyArg_ParseTuple(args, "OO", &table, &key)) return NULL;
    return Py_XNewRef(lookup(table, key));
}
