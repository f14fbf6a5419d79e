/* PyDict_SetDefault returns a borrowed reference to the value now stored in the dict. On
 * an interning table kept at file scope, on a dict passed by the caller, or on a field,
 * another thread can replace that value and free it before it is used. Inside a critical
 * section on the dict, or with PyDict_SetDefaultRef, it is safe.
 * Findings: borrowed-dict-setdefault on the three unlocked PyDict_SetDefault calls. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *interned_tags = NULL;   /* str -> the canonical str */

typedef struct {
    PyObject_HEAD
    PyObject *groups;   /* key -> list */
} GrouperObject;

static PyObject *
intern_tag(PyObject *module, PyObject *tag)
{
    PyObject *canonical = PyDict_SetDefault(interned_tags, tag, tag);  // expect: borrowed-dict-setdefault
    return Py_XNewRef(canonical);
}

static PyObject *
counter_slot(PyObject *counters, PyObject *key)
{
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL) {
        return NULL;
    }
    PyObject *slot = PyDict_SetDefault(counters, key, zero);  // expect: borrowed-dict-setdefault
    Py_DECREF(zero);
    return Py_XNewRef(slot);
}

static PyObject *
grouper_bucket(GrouperObject *self, PyObject *key)
{
    PyObject *empty = PyList_New(0);
    if (empty == NULL) {
        return NULL;
    }
    PyObject *bucket = PyDict_SetDefault(self->groups,  // expect: borrowed-dict-setdefault
                                         key, empty);
    Py_DECREF(empty);
    return Py_XNewRef(bucket);
}

static PyObject *
grouper_bucket_locked(GrouperObject *self, PyObject *key)
{
    PyObject *empty = PyList_New(0);
    if (empty == NULL) {
        return NULL;
    }
    PyObject *bucket;
    Py_BEGIN_CRITICAL_SECTION(self->groups);
    bucket = Py_XNewRef(PyDict_SetDefault(self->groups, key, empty));
    Py_END_CRITICAL_SECTION();
    Py_DECREF(empty);
    return bucket;
}

static PyObject *
intern_tag_fixed(PyObject *module, PyObject *tag)
{
    PyObject *canonical;
    if (PyDict_SetDefaultRef(interned_tags, tag, tag, &canonical) < 0) {
        return NULL;
    }
    return canonical;
}

static PyMethodDef grouper_methods[] = {
    {"bucket", (PyCFunction)grouper_bucket, METH_O, NULL},
    {"bucket_locked", (PyCFunction)grouper_bucket_locked, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef tags_methods[] = {
    {"intern", intern_tag, METH_O, NULL},
    {"intern_fixed", intern_tag_fixed, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
