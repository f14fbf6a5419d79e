/* Lookups whose call spans several lines, or sits inside another call: the finding is on
 * the line where the API's name is, which is where the call starts.
 * Findings: borrowed-dict-item on the first line of each multi-line lookup and on the
 * nested lookups. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *cache;      /* dict: key -> computed value */
    PyObject *factory;
} MemoObject;

static PyObject *
memo_get(MemoObject *self, PyObject *key)
{
    PyObject *value;
    value = PyDict_GetItemWithError(  // expect: borrowed-dict-item
        self->cache,
        key);
    if (value != NULL) {
        return Py_NewRef(value);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    value = PyObject_CallOneArg(self->factory, key);
    if (value != NULL && PyDict_SetItem(self->cache, key, value) < 0) {
        Py_CLEAR(value);
    }
    return value;
}

static PyObject *
memo_peek(MemoObject *self, PyObject *key)
{
    return Py_XNewRef(
        PyDict_GetItem(self->cache, key));  // expect: borrowed-dict-item
}

static PyObject *
memo_peek_name(MemoObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_XNewRef(PyDict_GetItemString(self->cache,  // expect: borrowed-dict-item
                                           "__name__"));
}

static int
memo_has_both(MemoObject *self, PyObject *a, PyObject *b)
{
    return PyDict_GetItem(self->cache, a) != NULL && PyDict_GetItem(self->cache, b) != NULL;  // expect: borrowed-dict-item, borrowed-dict-item
}

static PyObject *
memo_get_fixed(MemoObject *self, PyObject *key)
{
    PyObject *value;
    if (PyDict_GetItemRef(
            self->cache,
            key,
            &value) != 0) {
        return value;
    }
    return PyObject_CallOneArg(self->factory, key);
}

static PyMethodDef memo_methods[] = {
    {"get", (PyCFunction)memo_get, METH_O, NULL},
    {"peek", (PyCFunction)memo_peek, METH_O, NULL},
    {"peek_name", (PyCFunction)memo_peek_name, METH_NOARGS, NULL},
    {"get_fixed", (PyCFunction)memo_get_fixed, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
