/* A local's origin is its latest assignment before the lookup: a variable first given a
 * fresh dict and then rebound to an object's __dict__ (a shared dict) is reported; one
 * rebound from a shared dict to a private copy is not. A local filled through an out
 * parameter (PyArg_ParseTuple) has an unknown origin and is reported.
 * Findings: borrowed-dict-item on the lookup after the rebinding to __dict__ and on the
 * parsed local. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
instance_attr(PyObject *module, PyObject *args)
{
    PyObject *obj, *name;
    if (!PyArg_ParseTuple(args, "OU", &obj, &name)) {
        return NULL;
    }
    PyObject *ns = PyDict_New();
    if (ns == NULL) {
        return NULL;
    }
    Py_DECREF(ns);
    ns = PyObject_GetAttrString(obj, "__dict__");
    if (ns == NULL) {
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(ns, name);  // expect: borrowed-dict-item
    Py_XINCREF(value);
    Py_DECREF(ns);
    return value;
}

static PyObject *
snapshot_attr(PyObject *module, PyObject *args)
{
    PyObject *obj, *name;
    if (!PyArg_ParseTuple(args, "OU", &obj, &name)) {
        return NULL;
    }
    PyObject *ns = PyObject_GetAttrString(obj, "__dict__");
    if (ns == NULL) {
        return NULL;
    }
    PyObject *shared = ns;
    ns = PyDict_Copy(shared);
    Py_DECREF(shared);
    if (ns == NULL) {
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(ns, name);
    Py_XINCREF(value);
    Py_DECREF(ns);
    return value;
}

static PyObject *
parsed_lookup(PyObject *module, PyObject *args)
{
    PyObject *table, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &table, &key)) {
        return NULL;
    }
    return Py_XNewRef(PyDict_GetItem(table, key));  // expect: borrowed-dict-item
}

static PyMethodDef reassign_methods[] = {
    {"instance_attr", instance_attr, METH_VARARGS, NULL},
    {"snapshot_attr", snapshot_attr, METH_VARARGS, NULL},
    {"parsed_lookup", parsed_lookup, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
