/* A dict created by the function and then stored in a field is published: every thread
 * holding `self` can reach it and mutate it through the object's methods, so lookups after
 * the store are reported, whether the store is a call (Py_XSETREF(self->cache, cache))
 * or a plain assignment (self->cache = cache). The lookup before the store is private.
 * Findings: borrowed-dict-item on the lookup after Py_XSETREF and on the lookup after the
 * plain assignment. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;
} ResolverObject;

static PyObject *
resolver_reset(ResolverObject *self, PyObject *seed)
{
    PyObject *cache = PyDict_Copy(seed);
    if (cache == NULL) {
        return NULL;
    }
    PyObject *root = PyDict_GetItemString(cache, "/");   /* still private */
    Py_XSETREF(self->cache, cache);
    /* Another thread calling resolver.forget("/") can free the value now. */
    PyObject *again = PyDict_GetItemString(cache, "/");  // expect: borrowed-dict-item
    return PyBool_FromLong(root != NULL && root == again);
}

static PyObject *
resolver_rebuild(ResolverObject *self, PyObject *seed)
{
    PyObject *cache = PyDict_Copy(seed);
    if (cache == NULL) {
        return NULL;
    }
    PyObject *old = self->cache;
    self->cache = cache;
    Py_XDECREF(old);
    PyObject *root = PyDict_GetItemString(cache, "/");  // expect: borrowed-dict-item
    return Py_NewRef(root ? root : Py_None);
}

static PyMethodDef resolver_methods[] = {
    {"reset", (PyCFunction)resolver_reset, METH_O, NULL},
    {"rebuild", (PyCFunction)resolver_rebuild, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
