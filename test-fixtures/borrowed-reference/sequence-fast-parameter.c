/* PySequence_Fast returns a list argument unchanged, so PySequence_Fast_GET_ITEM and
 * PySequence_Fast_ITEMS read the caller's list without a lock. The owner is the object
 * given to PySequence_Fast (here the parameter `iterable`, or a local set by
 * PyArg_ParseTuple); a helper that only receives the fast sequence has the sequence
 * itself as owner. A macro over PySequence_Fast_GET_ITEM is reported on its #define.
 * Findings: borrowed-sequence-fast on each unlocked read and on the SEQ_LAST macro. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define SEQ_LAST(seq) PySequence_Fast_GET_ITEM((seq), PySequence_Fast_GET_SIZE(seq) - 1)

static Py_ssize_t
count_none(PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        n += PySequence_Fast_GET_ITEM(seq, i) == Py_None;  // expect: borrowed-sequence-fast
    }
    Py_DECREF(seq);
    return n;
}

static PyObject *
max_length(PyObject *module, PyObject *args)
{
    PyObject *words, *seq;
    if (!PyArg_ParseTuple(args, "O:max_length", &words)) {
        return NULL;
    }
    if ((seq = PySequence_Fast(words, "words must be a sequence")) == NULL) {
        return NULL;
    }
    Py_ssize_t best = 0, n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);  // expect: borrowed-sequence-fast
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t len = PyObject_Length(items[i]);
        if (len < 0) {
            Py_DECREF(seq);
            return NULL;
        }
        best = len > best ? len : best;
    }
    Py_DECREF(seq);
    return PyLong_FromSsize_t(best);
}

/* Receives the result of PySequence_Fast from its caller. */
static int
all_str(PyObject *fast)
{
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        if (!PyUnicode_Check(PySequence_Fast_GET_ITEM(fast, i))) {  // expect: borrowed-sequence-fast
            return 0;
        }
    }
    return 1;
}

static PyObject *
last_or_none(PyObject *module, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *last = PySequence_Fast_GET_SIZE(seq) > 0 ? Py_NewRef(SEQ_LAST(seq)) : Py_NewRef(Py_None);  // expect: borrowed-sequence-fast
    int ok = all_str(seq);
    Py_DECREF(seq);
    if (!ok) {
        Py_DECREF(last);
        PyErr_SetString(PyExc_TypeError, "expected strings");
        return NULL;
    }
    return last;
}

static PyObject *
none_count(PyObject *module, PyObject *iterable)
{
    Py_ssize_t n = count_none(iterable);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyMethodDef fast_methods[] = {
    {"max_length", max_length, METH_VARARGS, NULL},
    {"last_or_none", last_or_none, METH_O, NULL},
    {"none_count", none_count, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
