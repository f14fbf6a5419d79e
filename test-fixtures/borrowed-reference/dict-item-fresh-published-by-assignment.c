/* A dict created by the function and then stored where other threads can reach it is
 * published, whether the store is a call (Py_XSETREF(self->cache, cache)) or a plain
 * assignment to a field (self->cache = cache) or to a file-scope variable
 * (default_cache = PyDict_New(), or default_cache = cache). Lookups after the store must
 * be reported; a lookup before it is private.
 * Findings: borrowed-dict-item on the lookup after Py_XSETREF, after the field assignment,
 * and on the two lookups in the file-scope dict. */
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

static PyObject *default_cache = NULL;

static PyObject *
reset_default(PyObject *module, PyObject *key)
{
    Py_XDECREF(default_cache);
    default_cache = PyDict_New();
    if (default_cache == NULL) {
        return NULL;
    }
    return Py_XNewRef(PyDict_GetItemWithError(default_cache, key));  // expect: borrowed-dict-item
}

static PyObject *
seed_default(PyObject *module, PyObject *seed)
{
    PyObject *cache = PyDict_Copy(seed);
    if (cache == NULL) {
        return NULL;
    }
    PyObject *old = default_cache;
    default_cache = cache;
    Py_XDECREF(old);
    return Py_XNewRef(PyDict_GetItemString(cache, "/"));  // expect: borrowed-dict-item
}

static PyMethodDef resolver_methods[] = {
    {"reset", (PyCFunction)resolver_reset, METH_O, NULL},
    {"rebuild", (PyCFunction)resolver_rebuild, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef cachemod_methods[] = {
    {"reset_default", reset_default, METH_O, NULL},
    {"seed_default", seed_default, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
