/* Dicts the function creates itself (PyDict_New, PyDict_Copy, Py_BuildValue,
 * _PyDict_NewPresized) are private until handed on: lookups in them are not reported, and
 * filling them with PyDict_SetItem (the dict as FIRST argument) does not hand them on. Once
 * the dict is passed as another argument (PyObject_SetAttrString(module, "x", d),
 * PyDict_SetItem(outer, key, d)), other threads can reach it and later lookups are reported.
 * Findings: borrowed-dict-item on the two lookups after the hand-off. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
merged_option(PyObject *module, PyObject *args)
{
    PyObject *defaults, *overrides, *key;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyDict_Type, &defaults, &PyDict_Type, &overrides, &key)) {
        return NULL;
    }
    PyObject *merged = PyDict_Copy(defaults);
    if (merged == NULL || PyDict_Update(merged, overrides) < 0) {
        Py_XDECREF(merged);
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(merged, key);
    Py_XINCREF(value);
    Py_DECREF(merged);
    return value;
}

static PyObject *
spec_width(PyObject *module, PyObject *arg)
{
    PyObject *spec = Py_BuildValue("{s:O,s:i}", "fill", arg, "width", 8);
    if (spec == NULL) {
        return NULL;
    }
    PyObject *width = Py_XNewRef(PyDict_GetItemString(spec, "width"));
    Py_DECREF(spec);
    return width;
}

static PyObject *
histogram_top(PyObject *module, PyObject *words)
{
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        return NULL;
    }
    PyObject *iter = PyObject_GetIter(words);
    PyObject *word;
    while (iter != NULL && (word = PyIter_Next(iter)) != NULL) {
        PyObject *seen = PyDict_GetItem(counts, word);
        long n = seen ? PyLong_AsLong(seen) + 1 : 1;
        PyObject *count = PyLong_FromLong(n);
        if (count == NULL || PyDict_SetItem(counts, word, count) < 0) {
            Py_XDECREF(count);
            Py_DECREF(word);
            break;
        }
        Py_DECREF(count);
        Py_DECREF(word);
    }
    Py_XDECREF(iter);
    if (PyErr_Occurred()) {
        Py_DECREF(counts);
        return NULL;
    }
    return counts;
}

static PyObject *
presized(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *table = _PyDict_NewPresized(4);
    if (table == NULL || PyDict_SetItemString(table, "a", Py_None) < 0) {
        Py_XDECREF(table);
        return NULL;
    }
    PyObject *a = PyDict_GetItemString(table, "a");
    return Py_BuildValue("(NO)", table, a);
}

static int
publish_defaults(PyObject *module)
{
    PyObject *defaults = Py_BuildValue("{s:i}", "retries", 3);
    if (defaults == NULL) {
        return -1;
    }
    if (PyObject_SetAttrString(module, "defaults", defaults) < 0) {
        Py_DECREF(defaults);
        return -1;
    }
    /* module.defaults is now visible to every thread. */
    PyObject *retries = PyDict_GetItemString(defaults, "retries");  // expect: borrowed-dict-item
    Py_DECREF(defaults);
    return retries == NULL ? -1 : 0;
}

static PyObject *
group_by_first(PyObject *module, PyObject *args)
{
    PyObject *groups, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &groups, &key)) {
        return NULL;
    }
    PyObject *bucket = PyDict_New();
    if (bucket == NULL) {
        return NULL;
    }
    if (PyDict_SetItem(groups, key, bucket) < 0) {
        Py_DECREF(bucket);
        return NULL;
    }
    /* `bucket` now lives in the caller's dict. */
    PyObject *first = PyDict_GetItemWithError(bucket, key);  // expect: borrowed-dict-item
    Py_DECREF(bucket);
    return Py_NewRef(first ? first : Py_None);
}

static PyMethodDef dictfresh_methods[] = {
    {"merged_option", merged_option, METH_VARARGS, NULL},
    {"spec_width", spec_width, METH_O, NULL},
    {"histogram_top", histogram_top, METH_O, NULL},
    {"presized", presized, METH_NOARGS, NULL},
    {"group_by_first", group_by_first, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot dictfresh_slots[] = {
    {Py_mod_exec, publish_defaults},
    {0, NULL}
};

static struct PyModuleDef dictfresh_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "dictfresh",
    .m_methods = dictfresh_methods,
    .m_slots = dictfresh_slots,
};

PyMODINIT_FUNC
PyInit_dictfresh(void)
{
    return PyModuleDef_Init(&dictfresh_module);
}
