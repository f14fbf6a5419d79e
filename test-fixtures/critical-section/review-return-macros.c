/* Regression (review): Py_RETURN_* macros return out of a section too; a cast
 * of the locked object is the same object. */
#include <Python.h>

static PyObject *
is_empty(PyObject *self, PyObject *list)
{
    Py_BEGIN_CRITICAL_SECTION(list);
    if (PyList_GET_SIZE(list) == 0) {
        Py_RETURN_TRUE;  // expect: critical-section-exit
    }
    Py_END_CRITICAL_SECTION();
    Py_RETURN_FALSE;
}

static int
relock(PyObject *self)
{
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_BEGIN_CRITICAL_SECTION((PyObject *)self);
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    return 0;
}
