/* Regression (review): locals declared in a declarator list shadow file-scope names. */
#include <Python.h>

static PyObject *module, *result;

static PyObject *
load(PyObject *self, PyObject *name)
{
    PyObject *tmp = NULL, *module = NULL, *result = NULL;
    module = PyImport_Import(name);
    if (module == NULL) {
        return NULL;
    }
    result = PyObject_GetAttrString(module, "value");
    Py_DECREF(module);
    (void)tmp;
    return result;
}

static PyObject *
load2(PyObject *self, PyObject *name)
{
    PyObject *module,
             *result;
    module = PyImport_Import(name);
    result = module;
    return result;
}

static PyObject *
load_global(PyObject *self, PyObject *name)
{
    module = PyImport_Import(name);  // expect: static-state-write
    return Py_XNewRef(module);
}

static PyMethodDef methods[] = {
    {"load", load, METH_O, NULL},
    {"load2", load2, METH_O, NULL},
    {"load_global", load_global, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
