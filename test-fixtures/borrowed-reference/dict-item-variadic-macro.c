#include <Python.h>

/* Variadic macros: the arguments after the named ones stand for __VA_ARGS__ (or a GNU `rest...`). */
#define LOOKUP(...) PyDict_GetItem(__VA_ARGS__)
#define LOOKUP_GNU(rest...) PyDict_GetItemWithError(rest)

static PyObject *cache;

static PyObject *
get(PyObject *self, PyObject *key)
{
    PyObject *a = LOOKUP(cache, key);  // expect: borrowed-dict-item
    PyObject *b = LOOKUP_GNU(cache, key);  // expect: borrowed-dict-item
    return Py_XNewRef(a != NULL ? a : b);
}

static PyObject *
fresh(PyObject *self, PyObject *key)
{
    /* A dict this function just made and has not handed on: the substituted argument shows it. */
    PyObject *d = PyDict_New();
    if (d == NULL) return NULL;
    PyObject *found = LOOKUP(d, key);
    PyObject *again = LOOKUP_GNU(d, key);
    PyObject *result = PyBool_FromLong(found != NULL || again != NULL);
    Py_DECREF(d);
    return result;
}

static PyMethodDef methods[] = {{"get", get, METH_O, NULL}, {"fresh", fresh, METH_O, NULL}, {NULL, NULL, 0, NULL}};
