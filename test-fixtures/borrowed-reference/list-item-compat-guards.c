/* Borrowed list reads kept for old or GIL builds under preprocessor guards. Branches that
 * free-threaded 3.14 does not compile (`#if PY_VERSION_HEX < 0x030D0000`, the `#else` of a
 * `>= 0x030D0000` test, `#ifndef Py_GIL_DISABLED`, `#if 0`) are silent; a branch it does
 * compile (`#ifdef Py_GIL_DISABLED`) or may compile (a project macro) is reported.
 * Findings: borrowed-list-item in the Py_GIL_DISABLED branch and under WITH_FAST_PATH. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
queue_peek(PyObject *module, PyObject *queue)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyList_GetItemRef(queue, 0);
#else
    PyObject *item = PyList_GetItem(queue, 0);
    Py_XINCREF(item);
    return item;
#endif
}

static PyObject *
queue_peek_last(PyObject *module, PyObject *queue)
{
    Py_ssize_t n = PyList_Size(queue);
    if (n <= 0) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030D0000
    return Py_XNewRef(PyList_GetItem(queue, n - 1));
#else
    return PyList_GetItemRef(queue, n - 1);
#endif
}

static PyObject *
queue_contains(PyObject *module, PyObject *args)
{
    PyObject *queue, *needle;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &queue, &needle)) {
        return NULL;
    }
    int found = 0;
#ifndef Py_GIL_DISABLED
    /* With the GIL nothing can change the list under us. */
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(queue) && !found; i++) {
        found = PyList_GET_ITEM(queue, i) == needle;
    }
#else
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(queue) && !found; i++) {
        /* Wrong: the free-threaded branch reads without the list's lock. */
        found = PyList_GET_ITEM(queue, i) == needle;  // expect: borrowed-list-item
    }
#endif
    return PyBool_FromLong(found);
}

static PyObject *
queue_head(PyObject *module, PyObject *queue)
{
#if 0
    return Py_NewRef(PyList_GET_ITEM(queue, 0));
#endif
#ifdef WITH_FAST_PATH
    if (PyList_CheckExact(queue) && PyList_GET_SIZE(queue) > 0) {
        return Py_NewRef(PyList_GET_ITEM(queue, 0));  // expect: borrowed-list-item
    }
#endif
    return PySequence_GetItem(queue, 0);
}

static PyMethodDef queue_methods[] = {
    {"peek", queue_peek, METH_O, NULL},
    {"peek_last", queue_peek_last, METH_O, NULL},
    {"contains", queue_contains, METH_VARARGS, NULL},
    {"head", queue_head, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef queue_module = {
    PyModuleDef_HEAD_INIT, "queueutil", NULL, 0, queue_methods,
};

PyMODINIT_FUNC
PyInit_queueutil(void)
{
    return PyModuleDef_Init(&queue_module);
}
