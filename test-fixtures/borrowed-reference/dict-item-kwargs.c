/* The keyword-arguments dict of a METH_VARARGS | METH_KEYWORDS function (or tp_init) is
 * built for the call, so lookups in it are not reported when the parameter has one of the
 * conventional names (kwargs, kwds, kw, keywds, kwdict). The same lookup on a parameter
 * with another name, or on a local that happens to be called `kwargs`, is reported.
 * Findings: borrowed-dict-item on the lookups in `options` and in the local `kwargs`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
render(PyObject *module, PyObject *args, PyObject *kwargs)
{
    int indent = 0;
    if (kwargs != NULL) {
        PyObject *value = PyDict_GetItemString(kwargs, "indent");
        if (value != NULL) {
            indent = (int)PyLong_AsLong(value);
        }
    }
    return PyLong_FromLong(indent);
}

static PyObject *
open_connection(PyObject *module, PyObject *args, PyObject *kwds)
{
    PyObject *name = PyUnicode_InternFromString("timeout");
    if (name == NULL) {
        return NULL;
    }
    PyObject *timeout = kwds ? PyDict_GetItemWithError(kwds, name) : NULL;
    Py_DECREF(name);
    if (timeout == NULL && PyErr_Occurred()) {
        return NULL;
    }
    return Py_NewRef(timeout ? timeout : Py_None);
}

static int
point_init(PyObject *self, PyObject *args, PyObject *kw)
{
    if (kw != NULL && PyDict_GetItemString(kw, "z") != NULL) {
        PyErr_SetString(PyExc_TypeError, "Point takes no 'z'");
        return -1;
    }
    return 0;
}

static PyObject *
legacy(PyObject *module, PyObject *args, PyObject *keywds)
{
    PyObject *flag = keywds ? PyDict_GetItem(keywds, Py_None) : NULL;
    return PyBool_FromLong(flag != NULL);
}

static PyObject *
legacy2(PyObject *module, PyObject *args, PyObject *kwdict)
{
    PyObject *mode = kwdict ? PyDict_GetItemString(kwdict, "mode") : NULL;
    return Py_NewRef(mode ? mode : Py_None);
}

/* Not a call's keywords: the caller's own dict of options. */
static PyObject *
apply_options(PyObject *target, PyObject *options)
{
    PyObject *verbose = PyDict_GetItemString(options, "verbose");  // expect: borrowed-dict-item
    return PyBool_FromLong(verbose != NULL && verbose != Py_False);
}

/* A local named `kwargs`: the dict is an attribute every thread can reach. */
static PyObject *
partial_keywords(PyObject *module, PyObject *partial)
{
    PyObject *kwargs = PyObject_GetAttrString(partial, "keywords");
    if (kwargs == NULL) {
        return NULL;
    }
    PyObject *sep = PyDict_GetItemString(kwargs, "sep");  // expect: borrowed-dict-item
    PyObject *result = Py_NewRef(sep ? sep : Py_None);
    Py_DECREF(kwargs);
    return result;
}

static PyMethodDef kw_methods[] = {
    {"render", (PyCFunction)(void (*)(void))render, METH_VARARGS | METH_KEYWORDS, NULL},
    {"open_connection", (PyCFunction)(void (*)(void))open_connection, METH_VARARGS | METH_KEYWORDS, NULL},
    {"legacy", (PyCFunction)(void (*)(void))legacy, METH_VARARGS | METH_KEYWORDS, NULL},
    {"legacy2", (PyCFunction)(void (*)(void))legacy2, METH_VARARGS | METH_KEYWORDS, NULL},
    {"partial_keywords", partial_keywords, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
