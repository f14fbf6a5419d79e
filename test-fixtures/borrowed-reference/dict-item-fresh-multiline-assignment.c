/* A fresh dict whose constructor call sits on the line after the `=` (a long declaration
 * wrapped by the formatter) is as private as one assigned on a single line: the lookups
 * in it are safe.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
effective_settings_value(PyObject *module, PyObject *args)
{
    PyObject *project_settings, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &project_settings, &key)) {
        return NULL;
    }
    PyObject *effective_settings_snapshot =
        PyDict_Copy(project_settings);
    if (effective_settings_snapshot == NULL) {
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(effective_settings_snapshot, key);
    Py_XINCREF(value);
    Py_DECREF(effective_settings_snapshot);
    return value;
}

static PyObject *
first_registered_name(PyObject *module, PyObject *registry)
{
    PyObject *registered_names_in_order;
    registered_names_in_order =
        PyDict_Keys(registry);
    if (registered_names_in_order == NULL) {
        return NULL;
    }
    PyObject *first = PyList_GET_SIZE(registered_names_in_order) > 0
        ? Py_NewRef(PyList_GET_ITEM(registered_names_in_order, 0))
        : Py_NewRef(Py_None);
    Py_DECREF(registered_names_in_order);
    return first;
}

static PyMethodDef wrapped_methods[] = {
    {"effective_settings_value", effective_settings_value, METH_VARARGS, NULL},
    {"first_registered_name", first_registered_name, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
