/* A chained assignment stores its value in every target: after
 * self->cache = cache = PyDict_New(); the new dict is published through self,
 * so a lookup on `cache` that follows is on a shared dict; a chain of locals
 * keeps it private, and a lookup before the chain is private too. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} Memo;

static PyObject *registry;

static PyObject *
memo_lookup(Memo *self, PyObject *key)
{
    PyObject *cache = self->cache;
    if (cache == NULL) {
        self->cache = cache = PyDict_New();
        if (cache == NULL) {
            return NULL;
        }
    }
    return Py_XNewRef(PyDict_GetItem(cache, key));  // expect: borrowed-dict-item
}

static PyObject *
memo_reset(Memo *self, PyObject *key)
{
    PyObject *fresh;
    if ((self->cache = fresh = PyDict_New()) == NULL) {
        return NULL;
    }
    return Py_XNewRef(PyDict_GetItem(fresh, key));  // expect: borrowed-dict-item
}

static PyObject *
registry_open(PyObject *module, PyObject *key)
{
    PyObject *table;
    registry = table = PyDict_New();
    if (table == NULL) {
        return NULL;
    }
    return Py_XNewRef(PyDict_GetItem(table, key));  // expect: borrowed-dict-item
}

static PyObject *
scratch(PyObject *module, PyObject *key)
{
    PyObject *a, *b;
    a = b = PyDict_New();   /* two locals: still private */
    if (b == NULL) {
        return NULL;
    }
    PyObject *v = Py_XNewRef(PyDict_GetItem(b, key));
    Py_DECREF(a);
    return v;
}

static PyObject *
publish_late(Memo *self, PyObject *key)
{
    PyObject *d = PyDict_New();
    if (d == NULL) {
        return NULL;
    }
    PyObject *first = Py_XNewRef(PyDict_GetItem(d, key));   /* before the chain: private */
    Py_XDECREF(first);
    self->cache = registry = d;
    return Py_XNewRef(PyDict_GetItem(d, key));  // expect: borrowed-dict-item
}

static PyObject *
compare_only(PyObject *module, PyObject *key)
{
    PyObject *d = PyDict_New(), *other = NULL;
    if (d == NULL) {
        return NULL;
    }
    int same = other == d;   /* a comparison, not a chain */
    PyObject *v = Py_XNewRef(PyDict_GetItem(d, key));
    Py_DECREF(d);
    return same ? NULL : v;
}
