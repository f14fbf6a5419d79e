/* Nested critical sections only guarantee the INNERMOST one: when beginning the inner
 * section has to wait for its lock, CPython suspends the outer sections (releases their
 * locks) and resumes them only at the inner Py_END_CRITICAL_SECTION(). A borrowed read of
 * the outer object inside the inner section is therefore unprotected; the same read before
 * the inner section begins, or after it ends, is protected.
 * Findings: borrowed-list-item and borrowed-dict-item on the reads of the OUTER object
 * inside the inner sections. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
tag_first(PyObject *module, PyObject *args)
{
    PyObject *items, *tags;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &items, &PyDict_Type, &tags)) {
        return NULL;
    }
    PyObject *tag = NULL;
    Py_BEGIN_CRITICAL_SECTION(items);
    if (PyList_GET_SIZE(items) > 0) {
        PyObject *head = PyList_GET_ITEM(items, 0);   /* only `items` is locked: safe */
        Py_BEGIN_CRITICAL_SECTION(tags);
        /* `items` may have been unlocked while this thread waited for `tags`. */
        PyObject *again = PyList_GET_ITEM(items, 0);  // expect: borrowed-list-item
        tag = Py_XNewRef(PyDict_GetItem(tags, again));
        Py_END_CRITICAL_SECTION();
        /* Back to the outer section: `items` is locked again. */
        if (tag == NULL && PyList_GET_ITEM(items, 0) == head) {
            tag = Py_NewRef(Py_None);
        }
    }
    Py_END_CRITICAL_SECTION();
    return tag ? tag : Py_NewRef(Py_None);
}

static PyObject *
merge_defaults(PyObject *module, PyObject *args)
{
    PyObject *target, *defaults, *key;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyDict_Type, &target, &PyDict_Type, &defaults, &key)) {
        return NULL;
    }
    PyObject *value = NULL;
    Py_BEGIN_CRITICAL_SECTION(target);
    Py_BEGIN_CRITICAL_SECTION(defaults);
    value = PyDict_GetItem(target, key);  // expect: borrowed-dict-item
    if (value == NULL) {
        value = PyDict_GetItem(defaults, key);
    }
    Py_XINCREF(value);
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    return value ? value : Py_NewRef(Py_None);
}

static PyMethodDef nested_methods[] = {
    {"tag_first", tag_first, METH_VARARGS, NULL},
    {"merge_defaults", merge_defaults, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef nested_module = {
    PyModuleDef_HEAD_INIT, "nested", NULL, 0, nested_methods,
};

PyMODINIT_FUNC
PyInit_nested(void)
{
    return PyModuleDef_Init(&nested_module);
}
