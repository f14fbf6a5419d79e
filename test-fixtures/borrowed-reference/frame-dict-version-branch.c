// fixture: min-python=3.10
/* A project supporting Python 3.10+ keeps PyEval_GetGlobals for the Pythons that lack
 * PyEval_GetFrameGlobals. The old call under `#if PY_VERSION_HEX < 0x030D0000` or in the
 * `#else` of a `>= 0x030D0000` test is silent; a helper macro doing the same selection is
 * silent in its pre-3.13 branch; an unconditional fallback is reported.
 * Findings: borrowed-frame-dict on the unconditional PyEval_GetLocals. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX >= 0x030D0000
#  define CALLER_BUILTINS() PyEval_GetFrameBuiltins()
#else
#  define CALLER_BUILTINS() Py_XNewRef(PyEval_GetBuiltins())
#endif

static PyObject *
caller_globals(PyObject *module, PyObject *Py_UNUSED(ignored))
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyEval_GetFrameGlobals();
#else
    return Py_XNewRef(PyEval_GetGlobals());
#endif
}

static PyObject *
caller_locals(PyObject *module, PyObject *Py_UNUSED(ignored))
{
#if PY_VERSION_HEX < 0x030D0000
    PyObject *locals = PyEval_GetLocals();
    return locals ? PyDict_Copy(locals) : PyDict_New();
#else
    return PyEval_GetFrameLocals();
#endif
}

static PyObject *
caller_locals_any(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    /* Forgot the version test: compiled everywhere, free-threaded 3.14 included. */
    return Py_XNewRef(PyEval_GetLocals());  // expect: borrowed-frame-dict
}

static PyObject *
caller_builtins(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return CALLER_BUILTINS();
}

static PyMethodDef framecompat_methods[] = {
    {"caller_globals", caller_globals, METH_NOARGS, NULL},
    {"caller_locals", caller_locals, METH_NOARGS, NULL},
    {"caller_locals_any", caller_locals_any, METH_NOARGS, NULL},
    {"caller_builtins", caller_builtins, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
