/* PyDict_SetDefault on a dict the function built and still owns alone is safe, even in a
 * loop. The keyword-arguments exemption of the lookup APIs does not extend to
 * PyDict_SetDefault: it writes into the dict it was given, which is the C caller's own
 * dict when the call comes through PyObject_Call(). A project macro over
 * PyDict_SetDefault is reported where it is used.
 * Findings: borrowed-dict-setdefault on the call on `kwargs` and on the SETDEFAULT_NONE macro. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define SETDEFAULT_NONE(d, k) PyDict_SetDefault((d), (k), Py_None)

static PyObject *
first_index_by_value(PyObject *module, PyObject *values)
{
    PyObject *seen = PyDict_New();
    if (seen == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Size(values);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = PySequence_GetItem(values, i);
        PyObject *index = value ? PyLong_FromSsize_t(i) : NULL;
        if (index == NULL || PyDict_SetDefault(seen, value, index) == NULL) {
            Py_XDECREF(index);
            Py_XDECREF(value);
            Py_DECREF(seen);
            return NULL;
        }
        Py_DECREF(index);
        Py_DECREF(value);
    }
    return seen;
}

static PyObject *
with_defaults(PyObject *module, PyObject *args, PyObject *kwargs)
{
    if (kwargs == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *name = PyUnicode_InternFromString("mode");
    if (name == NULL) {
        return NULL;
    }
    PyObject *mode = PyDict_SetDefault(kwargs, name, Py_None);  // expect: borrowed-dict-setdefault
    Py_DECREF(name);
    return Py_XNewRef(mode);
}

static PyObject *
mark_seen(PyObject *module, PyObject *args)
{
    PyObject *registry, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &registry, &key)) {
        return NULL;
    }
    return Py_XNewRef(SETDEFAULT_NONE(registry, key));  // expect: borrowed-dict-setdefault
}

static PyMethodDef sdfresh_methods[] = {
    {"first_index_by_value", first_index_by_value, METH_O, NULL},
    {"with_defaults", (PyCFunction)(void (*)(void))with_defaults, METH_VARARGS | METH_KEYWORDS, NULL},
    {"mark_seen", mark_seen, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
