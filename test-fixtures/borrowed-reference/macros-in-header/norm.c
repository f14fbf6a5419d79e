/* Euclidean norm of any sequence of floats. */
#include <math.h>
#include "vecutil.h"

#define FAST_FOR_EACH(seq, i, item)                              \
    for ((i) = 0; (i) < PySequence_Fast_GET_SIZE(seq)             \
                  && (((item) = PySequence_Fast_ITEMS(seq)[(i)]), 1); \
         (i)++)


PyObject *
vec_norm(PyObject *module, PyObject *vector)
{
    PyObject *seq = PySequence_Fast(vector, "vector must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    double sum = 0.0;
    Py_ssize_t i;
    PyObject *item;
    FAST_FOR_EACH(seq, i, item) {  // expect: borrowed-sequence-fast
        double x = PyFloat_AsDouble(item);
        if (x == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
        sum += x * x;
    }
    if (PySequence_Fast_GET_SIZE(seq) == 1) {
        /* A one-element vector: its norm is |x|. */
        double x = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, 0));  // expect: borrowed-sequence-fast
        Py_DECREF(seq);
        return PyFloat_FromDouble(fabs(x));
    }
    Py_DECREF(seq);
    return PyFloat_FromDouble(sqrt(sum));
}

PyObject *
vec_head(PyObject *module, PyObject *vector)
{
    if (!PyList_Check(vector) || PyList_GET_SIZE(vector) == 0) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(VEC_FIRST(vector));  // expect: borrowed-list-item
}
