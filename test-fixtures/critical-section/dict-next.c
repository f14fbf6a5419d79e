/* dict-next-unlocked: PyDict_Next loops over shared dicts, with the locked,
 * fresh, keyword-argument and compiled-out neighbours. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *registry;   /* shared by every thread */

static Py_ssize_t
count_callables(PyObject *self, PyObject *mapping)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    while (PyDict_Next(mapping, &pos, &key, &value)) {  // expect: dict-next-unlocked
        n += PyCallable_Check(value);
    }
    return n;
}

static Py_ssize_t
count_locked(PyObject *self, PyObject *mapping)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    Py_BEGIN_CRITICAL_SECTION(mapping);
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        n += PyCallable_Check(value);
    }
    Py_END_CRITICAL_SECTION();
    return n;
}

static int
dump_registry(void)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(registry,  // expect: dict-next-unlocked
                       &pos, &key, &value)) {
        if (PyObject_Print(key, stdout, 0) < 0) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
copy_and_walk(PyObject *self, PyObject *mapping)
{
    PyObject *snapshot = PyDict_Copy(mapping);   /* private: no lock needed */
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    if (snapshot == NULL) {
        return NULL;
    }
    while (PyDict_Next(snapshot, &pos, &key, &value)) {
        if (PyObject_SetAttr(self, key, value) < 0) {
            Py_DECREF(snapshot);
            return NULL;
        }
    }
    Py_DECREF(snapshot);
    Py_RETURN_NONE;
}

static PyObject *
configure(PyObject *self, PyObject *args, PyObject *kwargs)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {   /* private to the call */
        if (PyObject_SetAttr(self, key, value) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
walk_field(PyObject *self, PyObject *unused)
{
    PyObject *dict = PyObject_GenericGetDict(self, NULL);
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    if (dict == NULL) {
        return NULL;
    }
#ifndef Py_GIL_DISABLED
    while (PyDict_Next(dict, &pos, &key, &value)) {   /* regular build only */
    }
#else
    Py_BEGIN_CRITICAL_SECTION((PyObject *)dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {
    }
    Py_END_CRITICAL_SECTION();
#endif
    Py_DECREF(dict);
    Py_RETURN_NONE;
}

/* Regression: a project helper that fills a fresh dict does not publish it. */
static int fill(PyObject *tree, PyObject *out);

static PyObject *
to_dict(PyObject *self, PyObject *tree)
{
    PyObject *dict = PyDict_New();
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    if (dict == NULL || fill(tree, dict) < 0) {
        Py_XDECREF(dict);
        return NULL;
    }
    while (PyDict_Next(dict, &pos, &key, &value)) {
    }
    if (PyObject_SetAttrString(self, "table", dict) < 0) {
        Py_DECREF(dict);
        return NULL;
    }
    pos = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {  // expect: dict-next-unlocked
    }
    return dict;
}

/* A PyDict_Next loop behind a project macro is judged where the macro is used. */
#define FOR_EACH_ITEM(d, pos, k, v) while (PyDict_Next((d), &(pos), &(k), &(v)))

static Py_ssize_t
count_items(PyObject *self, PyObject *mapping)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    FOR_EACH_ITEM(mapping, pos, key, value) {  // expect: dict-next-unlocked
        n++;
    }
    PyObject *copy = PyDict_Copy(mapping);
    pos = 0;
    FOR_EACH_ITEM(copy, pos, key, value) {
        n++;
    }
    Py_XDECREF(copy);
    return n;
}

/* The HOWTO's "lock held by the caller" helper: static, and every caller holds the dict. */
static Py_ssize_t
sum_lock_held(PyObject *d)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    while (PyDict_Next(d, &pos, &key, &value)) {
        n += PyLong_AsSsize_t(value);
    }
    return n;
}

static Py_ssize_t
sum_unlocked_sometimes(PyObject *d)
{
    Py_ssize_t pos = 0, n = 0;
    PyObject *key, *value;
    while (PyDict_Next(d, &pos, &key, &value)) {  // expect: dict-next-unlocked
        n++;
    }
    return n;
}

static PyObject *
total(PyObject *self, PyObject *d)
{
    Py_ssize_t n;
    Py_BEGIN_CRITICAL_SECTION(d);
    n = sum_lock_held(d) + sum_unlocked_sometimes(d);
    Py_END_CRITICAL_SECTION();
    return PyLong_FromSsize_t(n + sum_unlocked_sometimes(d));
}
