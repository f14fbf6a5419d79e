// fixture: min-python=3.13
/* A project that requires Python 3.13+: the strong-reference replacements are always
 * available, so only the suggested fix changes (no compatibility note); what is reported
 * does not. Branches for older Pythons are dead code and silent.
 * Findings: borrowed-list-item, borrowed-dict-item and borrowed-weakref-object on the
 * three unported calls. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
settings_value(PyObject *module, PyObject *args)
{
    PyObject *settings, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &settings, &key)) {
        return NULL;
    }
#if PY_VERSION_HEX < 0x030D0000
    return Py_XNewRef(PyDict_GetItemWithError(settings, key));
#else
    PyObject *value;
    return PyDict_GetItemRef(settings, key, &value) > 0 ? value : NULL;
#endif
}

static PyObject *
settings_first_layer(PyObject *module, PyObject *layers)
{
    return Py_XNewRef(PyList_GetItem(layers, 0));  // expect: borrowed-list-item
}

static PyObject *
settings_default(PyObject *module, PyObject *defaults)
{
    return Py_XNewRef(PyDict_GetItemString(defaults, "default"));  // expect: borrowed-dict-item
}

static PyObject *
settings_owner(PyObject *module, PyObject *ref)
{
    return Py_NewRef(PyWeakref_GetObject(ref));  // expect: borrowed-weakref-object
}

static PyMethodDef settings_methods[] = {
    {"value", settings_value, METH_VARARGS, NULL},
    {"first_layer", settings_first_layer, METH_O, NULL},
    {"default", settings_default, METH_O, NULL},
    {"owner", settings_owner, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
