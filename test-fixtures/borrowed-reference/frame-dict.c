/* PyEval_GetGlobals, PyEval_GetLocals and PyEval_GetBuiltins return borrowed references to
 * dicts owned by the running frame (deprecated in 3.13): reported wherever they are, also
 * nested in another call and inside a critical section. PyEval_GetFrameGlobals,
 * PyEval_GetFrameLocals and PyEval_GetFrameBuiltins return strong references.
 * A helper macro over one of them is reported where it is used.
 * Findings: borrowed-frame-dict (unowned) on each of the four borrowed calls;
 * borrowed-frame-dict and borrowed-dict-item at the macro's uses on CALLER_GLOBAL, whose body is
 * also a borrowed dict lookup. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CALLER_GLOBAL(name) PyDict_GetItemString(PyEval_GetGlobals(), (name))

static PyObject *
caller_name(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *globals = PyEval_GetGlobals();  // expect: borrowed-frame-dict
    if (globals == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *name;
    if (PyDict_GetItemStringRef(globals, "__name__", &name) < 0) {
        return NULL;
    }
    return name ? name : Py_NewRef(Py_None);
}

static PyObject *
caller_locals_copy(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyDict_Copy(PyEval_GetLocals());  // expect: borrowed-frame-dict
}

static PyObject *
builtin_lookup(PyObject *module, PyObject *name)
{
    PyObject *builtins = PyEval_GetBuiltins();  // expect: borrowed-frame-dict
    if (builtins == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *value;
    Py_BEGIN_CRITICAL_SECTION(builtins);
    /* The lock covers the lookup in the dict, not the frame's hold on the dict. */
    value = Py_XNewRef(PyDict_GetItemWithError(builtins, name));
    if (value == NULL && !PyErr_Occurred() && PyEval_GetBuiltins() != builtins) {  // expect: borrowed-frame-dict
        PyErr_SetString(PyExc_RuntimeError, "builtins changed during lookup");
    }
    Py_END_CRITICAL_SECTION();
    return value;
}

static PyObject *
caller_file(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *file = CALLER_GLOBAL("__file__");  // expect: borrowed-dict-item, borrowed-frame-dict
    return Py_NewRef(file ? file : Py_None);
}

static PyObject *
caller_name_fixed(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *globals = PyEval_GetFrameGlobals();
    if (globals == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *name;
    int rc = PyDict_GetItemStringRef(globals, "__name__", &name);
    Py_DECREF(globals);
    if (rc < 0) {
        return NULL;
    }
    return name ? name : Py_NewRef(Py_None);
}

static PyObject *
caller_locals_fixed(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyEval_GetFrameLocals();
}

static PyObject *
builtins_fixed(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyEval_GetFrameBuiltins();
}

static PyMethodDef frames_methods[] = {
    {"caller_name", caller_name, METH_NOARGS, NULL},
    {"caller_locals_copy", caller_locals_copy, METH_NOARGS, NULL},
    {"builtin_lookup", builtin_lookup, METH_O, NULL},
    {"caller_file", caller_file, METH_NOARGS, NULL},
    {"caller_name_fixed", caller_name_fixed, METH_NOARGS, NULL},
    {"caller_locals_fixed", caller_locals_fixed, METH_NOARGS, NULL},
    {"builtins_fixed", builtins_fixed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
