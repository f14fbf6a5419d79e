/* limited-api-free-threaded: Py_LIMITED_API defined for every build, and the
 * PySequence_Fast_* macros under the limited API. */
#define Py_LIMITED_API 0x030A0000  // expect: limited-api-free-threaded
#include <Python.h>

static Py_ssize_t
count(PyObject *self, PyObject *iterable)
{
    PyObject *seq = PySequence_Fast(iterable, "a sequence");
    Py_ssize_t n;
    if (seq == NULL) {
        return -1;
    }
    n = PySequence_Fast_GET_SIZE(seq);  // expect: limited-api-free-threaded
    /* PySequence_Fast_GET_ITEM(seq, 0) in a comment is not code */
    Py_DECREF(seq);
    return n;
}
