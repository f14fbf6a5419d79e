/* critical-section-exit: return, goto, break and continue that leave a
 * critical section, and the jumps that stay inside it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
first_key(PyObject *self, PyObject *dict)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value, *result = NULL;
    Py_BEGIN_CRITICAL_SECTION(dict);
    if (!PyDict_Next(dict, &pos, &key, &value)) {
        return NULL;  // expect: critical-section-exit
    }
    result = Py_NewRef(key);
    Py_END_CRITICAL_SECTION();
    return result;
}

static int
sum_lists(PyObject *lists)
{
    long total = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lists); i++) {
        PyObject *list = PyList_GET_ITEM(lists, i);
        Py_BEGIN_CRITICAL_SECTION(list);
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(list); j++) {
            if (PyList_GET_ITEM(list, j) == Py_None) {
                break;                    /* leaves the inner loop only */
            }
            total += 1;
        }
        if (PyList_GET_SIZE(list) == 0) {
            continue;  // expect: critical-section-exit
        }
        switch (PyList_GET_SIZE(list)) {
        case 1:
            break;                        /* leaves the switch only */
        default:
            goto unlock;                  /* to a label inside the section */
        }
    unlock:
        Py_END_CRITICAL_SECTION();
    }
    return total > 0 ? 0 : -1;
}

static int
bail_out(PyObject *o)
{
    int rc = 0;
    Py_BEGIN_CRITICAL_SECTION(o);
    if (PyObject_Length(o) < 0) {
        rc = -1;
        goto error;  // expect: critical-section-exit
    }
    Py_END_CRITICAL_SECTION();
    return rc;
error:
    return -1;
}
