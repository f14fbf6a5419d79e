/* The registry itself: definition, initialisation and the lookups that live next to it. */
#include "registry.h"

PyObject *plugin_registry = NULL;
static PyObject *builtin_plugins = NULL;   /* tuple of names registered at import */

PyObject *
registry_find(PyObject *name)
{
    PyObject *plugin = PyDict_GetItemWithError(plugin_registry, name);  // expect: borrowed-dict-item
    if (plugin == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_LookupError, "no plugin named %R", name);
    }
    return Py_XNewRef(plugin);
}

static PyObject *
registry_first_builtin(void)
{
    /* A tuple: never reported. */
    return PyTuple_GET_SIZE(builtin_plugins) ? registry_find(PyTuple_GET_ITEM(builtin_plugins, 0)) : NULL;
}

static int
registry_register(PyObject *name, PyObject *plugin)
{
    int rc = 0;
    Py_BEGIN_CRITICAL_SECTION(plugin_registry);
    if (PyDict_GetItemWithError(plugin_registry, name) != NULL) {
        PyErr_Format(PyExc_ValueError, "plugin %R already registered", name);
        rc = -1;
    }
    else if (!PyErr_Occurred()) {
        rc = PyDict_SetItem(plugin_registry, name, plugin);
    }
    else {
        rc = -1;
    }
    Py_END_CRITICAL_SECTION();
    return rc;
}

static int
registry_has_json(void)
{
    return REGISTRY_HAS("json");  // expect: borrowed-dict-item
}

int
registry_init(PyObject *module)
{
    if (plugin_registry == NULL) {
        PyObject *registry = PyDict_New();
        if (registry == NULL) {
            return -1;
        }
        plugin_registry = registry;
    }
    builtin_plugins = Py_BuildValue("(ss)", "json", "csv");
    if (builtin_plugins == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(builtin_plugins); i++) {
        PyObject *name = PyTuple_GET_ITEM(builtin_plugins, i);
        if (registry_register(name, Py_None) < 0) {
            return -1;
        }
    }
    if (!registry_has_json()) {
        return -1;
    }
    PyObject *first = registry_first_builtin();
    Py_XDECREF(first);
    return PyModule_AddObjectRef(module, "registry", plugin_registry);
}

static PyObject *
registry_get(PyObject *module, PyObject *name)
{
    PyObject *plugin = PyDict_GetItemString(plugin_registry, PyUnicode_AsUTF8(name));  // expect: borrowed-dict-item
    return Py_NewRef(plugin ? plugin : Py_None);
}

static PyMethodDef plugins_methods[] = {
    {"get", registry_get, METH_O, NULL},
    {"load", plugins_load, METH_O, NULL},
    {"describe", plugins_describe, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot plugins_slots[] = {
    {Py_mod_exec, registry_init},
    {0, NULL}
};

static struct PyModuleDef plugins_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "plugins",
    .m_methods = plugins_methods,
    .m_slots = plugins_slots,
};

PyMODINIT_FUNC
PyInit_plugins(void)
{
    return PyModuleDef_Init(&plugins_module);
}
