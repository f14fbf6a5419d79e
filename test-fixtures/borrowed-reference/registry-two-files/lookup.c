/* Lookups in the registry defined in registry.c, reached through the extern in registry.h. */
#include "registry.h"

PyObject *
plugins_load(PyObject *module, PyObject *name)
{
    PyObject *plugin = PyDict_GetItem(plugin_registry, name);  // expect: borrowed-dict-item
    if (plugin == NULL) {
        PyErr_Format(PyExc_LookupError, "no plugin named %R", name);
        return NULL;
    }
    return PyObject_CallMethod(plugin, "load", NULL);
}

PyObject *
plugins_describe(PyObject *module, PyObject *name)
{
    PyObject *plugin;
    if (PyDict_GetItemRef(plugin_registry, name, &plugin) <= 0) {
        return NULL;
    }
    PyObject *doc = PyObject_GetAttrString(plugin, "__doc__");
    Py_DECREF(plugin);
    return doc;
}

PyObject *
plugins_has(PyObject *module, PyObject *name)
{
    const char *utf8 = PyUnicode_AsUTF8(name);
    if (utf8 == NULL) {
        return NULL;
    }
    return PyBool_FromLong(REGISTRY_HAS(utf8));  // expect: borrowed-dict-item
}

PyObject *
plugins_names_sorted(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *names = PyDict_Keys(plugin_registry);
    if (names == NULL || PyList_Sort(names) < 0) {
        Py_XDECREF(names);
        return NULL;
    }
    /* Our own list from PyDict_Keys: fine. */
    if (PyList_GET_SIZE(names) > 0 && PyList_GET_ITEM(names, 0) == Py_None) {
        Py_DECREF(names);
        Py_RETURN_NONE;
    }
    return names;
}
