/* Dict lookups on a mapping the caller passed in: PyDict_GetItem, PyDict_GetItemWithError
 * and PyDict_GetItemString all return a borrowed value another thread can delete. The
 * same lookups written with PyDict_GetItemRef / PyDict_GetItemStringRef are clean.
 * Findings: borrowed-dict-item on each of the three borrowed lookups. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *config_get(PyObject *config, PyObject *key);

static PyObject *
config_lookup(PyObject *module, PyObject *args)
{
    PyObject *config, *key;
    if (!PyArg_ParseTuple(args, "O!O:lookup", &PyDict_Type, &config, &key)) {
        return NULL;
    }
    return config_get(config, key);
}

static PyObject *
config_get(PyObject *config, PyObject *key)
{
    PyObject *value = PyDict_GetItem(config, key);  // expect: borrowed-dict-item
    return Py_NewRef(value ? value : Py_None);
}

static PyObject *
config_get_checked(PyObject *config, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(config, key);  // expect: borrowed-dict-item
    if (value == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_KeyError, key);
        }
        return NULL;
    }
    return Py_NewRef(value);
}

static long
config_port(PyObject *config)
{
    PyObject *port = PyDict_GetItemString(config, "port");  // expect: borrowed-dict-item
    return port ? PyLong_AsLong(port) : 8080;
}

/* Fixed: strong references, and errors are no longer swallowed. */
static PyObject *
config_get_fixed(PyObject *config, PyObject *key)
{
    PyObject *value;
    if (PyDict_GetItemRef(config, key, &value) < 0) {
        return NULL;
    }
    return value ? value : Py_NewRef(Py_None);
}

static long
config_port_fixed(PyObject *config)
{
    PyObject *port;
    if (PyDict_GetItemStringRef(config, "port", &port) < 0) {
        return -1;
    }
    if (port == NULL) {
        return 8080;
    }
    long value = PyLong_AsLong(port);
    Py_DECREF(port);
    return value;
}
