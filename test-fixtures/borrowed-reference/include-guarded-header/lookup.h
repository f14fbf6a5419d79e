/* An include guard: `#ifndef LOOKUP_H` is decided by nothing before it, so the header is audited. */
#ifndef LOOKUP_H
#define LOOKUP_H

#include <Python.h>

static inline PyObject *
lookup(PyObject *table, PyObject *key)
{
    return PyDict_GetItem(table, key);  // expect: borrowed-dict-item
}

#endif /* LOOKUP_H */
