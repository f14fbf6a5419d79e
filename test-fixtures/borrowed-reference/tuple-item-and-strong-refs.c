/* Calls that are never reported: tuple reads (PyTuple_GetItem, PyTuple_GET_ITEM; tuples are
 * immutable) and the strong-reference replacements of every borrowed API of the family,
 * all on shared owners (parameters, a file-scope dict).
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *shared_table = NULL;

static PyObject *
pair_swap(PyObject *module, PyObject *pair)
{
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_TypeError, "expected a pair");
        return NULL;
    }
    PyObject *a = PyTuple_GetItem(pair, 0);
    PyObject *b = PyTuple_GET_ITEM(pair, 1);
    return PyTuple_Pack(2, b, a);
}

static PyObject *
strong_everything(PyObject *module, PyObject *args)
{
    PyObject *list, *dict, *ref, *cell, *key;
    if (!PyArg_ParseTuple(args, "OOOOO", &list, &dict, &ref, &cell, &key)) {
        return NULL;
    }
    PyObject *item = PyList_GetItemRef(list, 0);
    if (item == NULL) {
        return NULL;
    }
    Py_DECREF(item);

    PyObject *value, *named, *found, *target;
    if (PyDict_GetItemRef(dict, key, &value) < 0
        || PyDict_GetItemStringRef(shared_table, "name", &named) < 0
        || PyDict_SetDefaultRef(shared_table, key, Py_None, &found) < 0) {
        return NULL;
    }
    Py_XDECREF(value);
    Py_XDECREF(named);
    Py_DECREF(found);

    if (PyWeakref_GetRef(ref, &target) < 0) {
        return NULL;
    }
    Py_XDECREF(target);

    PyObject *contents = PyCell_Get(cell);
    Py_XDECREF(contents);

    PyObject *main_module = PyImport_AddModuleRef("__main__");
    Py_XDECREF(main_module);

    PyObject *globals = PyEval_GetFrameGlobals();
    PyObject *locals = PyEval_GetFrameLocals();
    PyObject *builtins = PyEval_GetFrameBuiltins();
    Py_XDECREF(globals);
    Py_XDECREF(locals);
    Py_XDECREF(builtins);

    PyObject *snapshot = PySequence_Tuple(list);
    if (snapshot == NULL) {
        return NULL;
    }
    PyObject *head = PyTuple_GET_SIZE(snapshot) ? Py_NewRef(PyTuple_GET_ITEM(snapshot, 0)) : Py_NewRef(Py_None);
    Py_DECREF(snapshot);
    return head;
}

static PyMethodDef strong_methods[] = {
    {"pair_swap", pair_swap, METH_O, NULL},
    {"strong_everything", strong_everything, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
