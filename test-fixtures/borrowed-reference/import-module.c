/* PyImport_AddModule and PyImport_AddModuleObject return a module borrowed from
 * sys.modules, which any thread can change: they are reported wherever they are, in a
 * method, in a multi-line call, in the module's init function. PyImport_AddModuleRef,
 * PyImport_ImportModule and PyImport_GetModule return strong references and are clean.
 * Findings: borrowed-import-module (unowned) on the three borrowed calls. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
main_globals(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *main_module = PyImport_AddModule("__main__");  // expect: borrowed-import-module
    if (main_module == NULL) {
        return NULL;
    }
    return Py_NewRef(PyModule_GetDict(main_module));
}

static PyObject *
ensure_namespace(PyObject *module, PyObject *name)
{
    PyObject *ns = PyImport_AddModuleObject(  // expect: borrowed-import-module
        name);
    return Py_XNewRef(ns);
}

static PyObject *
main_globals_fixed(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *main_module = PyImport_AddModuleRef("__main__");
    if (main_module == NULL) {
        return NULL;
    }
    PyObject *globals = Py_NewRef(PyModule_GetDict(main_module));
    Py_DECREF(main_module);
    return globals;
}

static PyObject *
loaded_json(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *name = PyUnicode_FromString("json");
    if (name == NULL) {
        return NULL;
    }
    PyObject *json = PyImport_GetModule(name);
    Py_DECREF(name);
    if (json == NULL && !PyErr_Occurred()) {
        json = PyImport_ImportModule("json");
    }
    return json;
}

static PyMethodDef importer_methods[] = {
    {"main_globals", main_globals, METH_NOARGS, NULL},
    {"ensure_namespace", ensure_namespace, METH_O, NULL},
    {"main_globals_fixed", main_globals_fixed, METH_NOARGS, NULL},
    {"loaded_json", loaded_json, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef importer_module = {
    PyModuleDef_HEAD_INIT, "importer", NULL, -1, importer_methods,
};

PyMODINIT_FUNC
PyInit_importer(void)
{
    PyObject *m = PyModule_Create(&importer_module);
    if (m == NULL) {
        return NULL;
    }
    /* Register a helper submodule the old way. */
    PyObject *sub = PyImport_AddModule("importer._helpers");  // expect: borrowed-import-module
    if (sub == NULL || PyModule_AddObjectRef(m, "_helpers", sub) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
