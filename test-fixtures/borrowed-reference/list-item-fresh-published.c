/* A list the function created, then handed to another call as a non-first argument (stored
 * as an attribute, appended to another list, added to the module): from then on other
 * threads can reach it, so later borrowed reads are reported. Reads BEFORE the hand-off are
 * still private.
 * Findings: borrowed-list-item on the reads after PyObject_SetAttrString,
 * PyList_Append(table, row) and PyModule_AddObjectRef. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
reset_history(PyObject *module, PyObject *recorder)
{
    PyObject *fresh = PyList_New(1);
    if (fresh == NULL) {
        return NULL;
    }
    PyList_SET_ITEM(fresh, 0, Py_NewRef(Py_None));
    PyObject *marker = PyList_GET_ITEM(fresh, 0);  /* before the hand-off: private */
    if (PyObject_SetAttrString(recorder, "history", fresh) < 0) {
        Py_DECREF(fresh);
        return NULL;
    }
    /* Another thread can now call recorder.history.clear(). */
    PyObject *head = PyList_GET_ITEM(fresh, 0);  // expect: borrowed-list-item
    Py_DECREF(fresh);
    return Py_NewRef(head == marker ? Py_True : Py_False);
}

static PyObject *
add_row(PyObject *module, PyObject *args)
{
    PyObject *table, *first;
    if (!PyArg_ParseTuple(args, "O!O:add_row", &PyList_Type, &table, &first)) {
        return NULL;
    }
    PyObject *row = PyList_New(0);
    if (row == NULL) {
        return NULL;
    }
    if (PyList_Append(row, first) < 0) {   /* `row` as first argument: still private */
        Py_DECREF(row);
        return NULL;
    }
    PyObject *cell = PyList_GET_ITEM(row, 0);
    if (PyList_Append(table, row) < 0) {
        Py_DECREF(row);
        return NULL;
    }
    /* `row` is now an element of the caller's table: other threads can reach it. */
    PyObject *again = PyList_GetItem(row, 0);  // expect: borrowed-list-item
    Py_DECREF(row);
    return PyBool_FromLong(again == cell);
}

static int
listpub_exec(PyObject *module)
{
    PyObject *defaults = PyList_New(0);
    if (defaults == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "defaults", defaults) < 0) {
        Py_DECREF(defaults);
        return -1;
    }
    /* Published in the module: any thread importing it can mutate the list. */
    PyObject *probe = PyList_GetItem(defaults, 0);  // expect: borrowed-list-item
    PyErr_Clear();
    Py_DECREF(defaults);
    return probe == NULL ? 0 : -1;
}

static PyMethodDef listpub_methods[] = {
    {"reset_history", reset_history, METH_O, NULL},
    {"add_row", add_row, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot listpub_slots[] = {
    {Py_mod_exec, listpub_exec},
    {0, NULL}
};

static struct PyModuleDef listpub_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "listpub",
    .m_methods = listpub_methods,
    .m_slots = listpub_slots,
};

PyMODINIT_FUNC
PyInit_listpub(void)
{
    return PyModuleDef_Init(&listpub_module);
}
