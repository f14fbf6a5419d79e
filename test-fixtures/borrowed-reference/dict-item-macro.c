/* Project macros over dict lookups are reported where they are used, with the use's own
 * arguments (a definition alone is not a finding), including a macro spread over several
 * lines with `\` continuations. Macros over PyDict_GetItemRef, and ones only compiled with
 * the GIL (`#ifndef Py_GIL_DISABLED`), are silent.
 * Findings: borrowed-dict-item at the uses of OPT_GET, MODULE_ATTR and LOOKUP_OR_RAISE. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define OPT_GET(opts, name) PyDict_GetItemString((opts), (name))
#define MODULE_ATTR(m, name) PyDict_GetItemString(PyModule_GetDict(m), (name))
#define LOOKUP_OR_RAISE(dict, key, out)                        \
    do {                                                       \
        (out) = PyDict_GetItemWithError((dict), (key));        \
        if ((out) == NULL && !PyErr_Occurred()) {              \
            PyErr_SetObject(PyExc_KeyError, (key));            \
        }                                                      \
    } while (0)

#define OPT_GET_REF(opts, name, out) PyDict_GetItemStringRef((opts), (name), (out))

#ifndef Py_GIL_DISABLED
#define FAST_GET(d, k) PyDict_GetItem((d), (k))
#else
#define FAST_GET(d, k) opt_get_locked((d), (k))
#endif

static PyObject *
opt_get_locked(PyObject *d, PyObject *k)
{
    PyObject *v;
    return PyDict_GetItemRef(d, k, &v) > 0 ? v : NULL;
}

static PyObject *
option_verbose(PyObject *module, PyObject *opts)
{
    PyObject *v = OPT_GET(opts, "verbose");  // expect: borrowed-dict-item
    return Py_NewRef(v ? v : Py_False);
}

static PyObject *
module_version(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *v = MODULE_ATTR(module, "__version__");  // expect: borrowed-dict-item
    return Py_NewRef(v ? v : Py_None);
}

static PyObject *
option_required(PyObject *module, PyObject *args)
{
    PyObject *opts, *key, *value;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &opts, &key)) {
        return NULL;
    }
    LOOKUP_OR_RAISE(opts, key, value);  // expect: borrowed-dict-item
    return Py_XNewRef(value);
}

static PyObject *
option_level(PyObject *module, PyObject *opts)
{
    PyObject *level;
    if (OPT_GET_REF(opts, "level", &level) < 0) {
        return NULL;
    }
    return level ? level : PyLong_FromLong(0);
}

static PyObject *
option_fast(PyObject *module, PyObject *args)
{
    PyObject *opts, *key;
    if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &opts, &key)) {
        return NULL;
    }
    return Py_XNewRef(FAST_GET(opts, key));
}

static PyMethodDef options_methods[] = {
    {"verbose", option_verbose, METH_O, NULL},
    {"version", module_version, METH_NOARGS, NULL},
    {"required", option_required, METH_VARARGS, NULL},
    {"level", option_level, METH_O, NULL},
    {"fast", option_fast, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
