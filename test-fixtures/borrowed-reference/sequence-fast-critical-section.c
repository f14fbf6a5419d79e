/* The fix for PySequence_Fast reads: a critical section on the object given to
 * PySequence_Fast (or on the fast sequence itself, which is that same list when it is one).
 * A section on an unrelated object, or a read after the section ends, is reported.
 * Findings: borrowed-sequence-fast on the read under the wrong lock and the read after
 * Py_END_CRITICAL_SECTION(). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
join_ints(PyObject *module, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence of ints");
    if (seq == NULL) {
        return NULL;
    }
    long long total = 0;
    int failed = 0;
    Py_BEGIN_CRITICAL_SECTION(iterable);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq) && !failed; i++) {
        long long v = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(seq, i));
        failed = v == -1 && PyErr_Occurred();
        total += v;
    }
    Py_END_CRITICAL_SECTION();
    Py_DECREF(seq);
    return failed ? NULL : PyLong_FromLongLong(total);
}

static PyObject *
any_true(PyObject *module, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    int found = 0;
    Py_BEGIN_CRITICAL_SECTION(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq) && !found; i++) {
        found = items[i] == Py_True;
    }
    Py_END_CRITICAL_SECTION();
    Py_DECREF(seq);
    return PyBool_FromLong(found);
}

static PyObject *
first_and_last(PyObject *module, PyObject *args)
{
    PyObject *owner, *iterable;
    if (!PyArg_ParseTuple(args, "OO", &owner, &iterable)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *first = Py_None, *last = Py_None;
    Py_ssize_t n;
    Py_BEGIN_CRITICAL_SECTION(owner);
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > 0) {
        first = PySequence_Fast_GET_ITEM(seq, 0);  // expect: borrowed-sequence-fast
    }
    Py_INCREF(first);
    Py_END_CRITICAL_SECTION();
    if (n > 0) {
        last = PySequence_Fast_GET_ITEM(seq, n - 1);  // expect: borrowed-sequence-fast
    }
    PyObject *pair = Py_BuildValue("(NO)", first, last);
    Py_DECREF(seq);
    return pair;
}

static PyMethodDef fastlock_methods[] = {
    {"join_ints", join_ints, METH_O, NULL},
    {"any_true", any_true, METH_O, NULL},
    {"first_and_last", first_and_last, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
