/* Borrowed APIs that only appear in comments, docstrings, error messages and a disabled
 * `#if 0` block are not calls: nothing is reported. Mentions such as PyDict_GetItem(d, k)
 * or PyList_GET_ITEM(list, i) in this very comment included.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyDoc_STRVAR(lookup_doc,
"lookup(mapping, key)\n"
"\n"
"Like PyDict_GetItem(mapping, key) but returns a new reference; unlike\n"
"PyWeakref_GetObject(ref) it never returns a dead object.");

// Old implementation, kept for reference:
//     return Py_XNewRef(PyDict_GetItem(mapping, key));
//     PyObject *m = PyImport_AddModule("__main__");

static PyObject *
lookup(PyObject *module, PyObject *args)
{
    PyObject *mapping, *key, *value;
    if (!PyArg_ParseTuple(args, "O!O:lookup", &PyDict_Type, &mapping, &key)) {
        return NULL;
    }
    /* We used to call PyDict_GetItemWithError(mapping, key) here,
     * and PyCell_GET(cell) / PyEval_GetGlobals() in the closure helper. */
    if (PyDict_GetItemRef(mapping, key, &value) < 0) {
        return NULL;
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_KeyError, "not found (PySequence_Fast_GET_ITEM(seq, i) is gone)");
    }
    return value;
}

#if 0
static PyObject *
lookup_old(PyObject *mapping, PyObject *key)
{
    return Py_XNewRef(PyDict_GetItem(mapping, key));
}
#endif

static PyMethodDef doc_methods[] = {
    {"lookup", lookup, METH_VARARGS, lookup_doc},
    {NULL, NULL, 0, NULL}
};
