/* Regression (review): the project's own macros around the critical-section macros
 * open the same locked blocks. */
#include <Python.h>

#define LOCK_OBJ(o) Py_BEGIN_CRITICAL_SECTION(o)
#define UNLOCK_OBJ() Py_END_CRITICAL_SECTION()

static Py_ssize_t
count_none(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    LOCK_OBJ(dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {
        n += value == Py_None;
    }
    UNLOCK_OBJ();
    return n;
}

static PyObject *
first_locked(PyObject *self, PyObject *list)
{
    PyObject *item = NULL;
    LOCK_OBJ(list);
    if (PyList_GET_SIZE(list) > 0) {
        item = Py_NewRef(PyList_GET_ITEM(list, 0));
    }
    UNLOCK_OBJ();
    return item;
}
