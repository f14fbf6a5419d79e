/* header-only: a unit that holds a single header with inline helpers and no module at
 * all (no PyModuleDef, no slot array, no PyInit_).
 * Findings: clean. */
#ifndef RINGMATH_H
#define RINGMATH_H

#include <Python.h>

static inline Py_ssize_t
ringmath_wrap(Py_ssize_t index, Py_ssize_t size)
{
    Py_ssize_t r = index % size;
    return r < 0 ? r + size : r;
}

static inline PyObject *
ringmath_index_obj(Py_ssize_t index, Py_ssize_t size)
{
    if (size <= 0) {
        PyErr_SetString(PyExc_ValueError, "ring size must be positive");
        return NULL;
    }
    return PyLong_FromSsize_t(ringmath_wrap(index, size));
}

#endif
