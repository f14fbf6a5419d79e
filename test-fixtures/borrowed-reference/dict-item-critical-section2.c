/* Py_BEGIN_CRITICAL_SECTION2(a, b) locks both objects: lookups in either dict are safe
 * inside it, a lookup in a third dict is not.
 * Findings: borrowed-dict-item on the lookup in `fallback`, which no section locks. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
move_key(PyObject *module, PyObject *args)
{
    PyObject *src, *dst, *key;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyDict_Type, &src, &PyDict_Type, &dst, &key)) {
        return NULL;
    }
    int rc = 0;
    Py_BEGIN_CRITICAL_SECTION2(src, dst);
    PyObject *value = PyDict_GetItemWithError(src, key);
    if (value != NULL && PyDict_GetItemWithError(dst, key) == NULL && !PyErr_Occurred()) {
        Py_INCREF(value);
        rc = PyDict_SetItem(dst, key, value);
        if (rc == 0) {
            rc = PyDict_DelItem(src, key);
        }
        Py_DECREF(value);
    }
    else if (PyErr_Occurred()) {
        rc = -1;
    }
    Py_END_CRITICAL_SECTION2();
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
lookup_chain(PyObject *module, PyObject *args)
{
    PyObject *primary, *secondary, *fallback, *key;
    if (!PyArg_ParseTuple(args, "O!O!O!O", &PyDict_Type, &primary, &PyDict_Type, &secondary,
                          &PyDict_Type, &fallback, &key)) {
        return NULL;
    }
    PyObject *value = NULL;
    Py_BEGIN_CRITICAL_SECTION2(primary, secondary);
    value = Py_XNewRef(PyDict_GetItem(primary, key));
    if (value == NULL) {
        value = Py_XNewRef(PyDict_GetItem(secondary, key));
    }
    if (value == NULL) {
        /* Neither lock covers the fallback dict. */
        value = Py_XNewRef(PyDict_GetItem(fallback, key));  // expect: borrowed-dict-item
    }
    Py_END_CRITICAL_SECTION2();
    return value ? value : Py_NewRef(Py_None);
}

static PyMethodDef cs2_methods[] = {
    {"move_key", move_key, METH_VARARGS, NULL},
    {"lookup_chain", lookup_chain, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
