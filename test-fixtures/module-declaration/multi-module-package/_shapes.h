/* multi-module-package: three extension modules of one package (_circle, _square,
 * _triangle), one per file, sharing this header. _circle is multi-phase and declared,
 * _square is single-phase and declared, _triangle is multi-phase with no Py_mod_gil.
 * Findings: module-missing-gil-slot on _triangle.c's slot array line only. */
#ifndef SHAPES_H
#define SHAPES_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define SHAPES_PI 3.14159265358979323846

/* Parses one non-negative float argument; returns -1.0 with an exception set on error. */
static inline double
shapes_parse_length(PyObject *arg)
{
    double v = PyFloat_AsDouble(arg);
    if (v == -1.0 && PyErr_Occurred()) {
        return -1.0;
    }
    if (v < 0.0) {
        PyErr_SetString(PyExc_ValueError, "length must be non-negative");
        return -1.0;
    }
    return v;
}

#endif /* SHAPES_H */
