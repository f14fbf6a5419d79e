/* Regression (review): macros that read raw character data fetched before the block. */
#include <Python.h>

static Py_ssize_t
count_spaces(PyObject *self, PyObject *text)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), spaces = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        spaces += Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i));
    }
    Py_END_ALLOW_THREADS
    return spaces;
}
