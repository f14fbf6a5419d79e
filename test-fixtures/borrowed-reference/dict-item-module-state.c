/* Multi-phase module whose state holds dicts (st->handlers, st->aliases): a field of the
 * module state is shared by every thread using the module. The module's own __dict__ from
 * PyModule_GetDict is a borrowed, shared object too. The private
 * _PyDict_GetItemStringWithError is covered like the public APIs.
 * Findings: borrowed-dict-item on the lookups in st->handlers, st->aliases and the module dict. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *handlers;   /* event name -> callable */
    PyObject *aliases;    /* str -> str */
} dispatch_state;

static inline dispatch_state *
get_state(PyObject *module)
{
    return (dispatch_state *)PyModule_GetState(module);
}

static PyObject *
dispatch_emit(PyObject *module, PyObject *event)
{
    dispatch_state *st = get_state(module);
    PyObject *handler = PyDict_GetItemWithError(st->handlers, event);  // expect: borrowed-dict-item
    if (handler == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return PyObject_CallNoArgs(handler);
}

static PyObject *
dispatch_resolve(PyObject *module, PyObject *arg)
{
    const char *name = PyUnicode_AsUTF8(arg);
    if (name == NULL) {
        return NULL;
    }
    PyObject *target = _PyDict_GetItemStringWithError(get_state(module)->aliases, name);  // expect: borrowed-dict-item
    if (target == NULL && PyErr_Occurred()) {
        return NULL;
    }
    return Py_NewRef(target ? target : arg);
}

static PyObject *
dispatch_version(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *globals = PyModule_GetDict(module);
    PyObject *version = PyDict_GetItemString(globals, "__version__");  // expect: borrowed-dict-item
    return Py_NewRef(version ? version : Py_None);
}

static PyObject *
dispatch_emit_fixed(PyObject *module, PyObject *event)
{
    dispatch_state *st = get_state(module);
    PyObject *handler;
    int found = PyDict_GetItemRef(st->handlers, event, &handler);
    if (found <= 0) {
        if (found < 0) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    PyObject *result = PyObject_CallNoArgs(handler);
    Py_DECREF(handler);
    return result;
}

static int
dispatch_exec(PyObject *module)
{
    dispatch_state *st = get_state(module);
    st->handlers = PyDict_New();
    st->aliases = PyDict_New();
    if (st->handlers == NULL || st->aliases == NULL) {
        return -1;
    }
    return PyModule_AddStringConstant(module, "__version__", "1.0");
}

static int
dispatch_traverse(PyObject *module, visitproc visit, void *arg)
{
    dispatch_state *st = get_state(module);
    Py_VISIT(st->handlers);
    Py_VISIT(st->aliases);
    return 0;
}

static int
dispatch_clear(PyObject *module)
{
    dispatch_state *st = get_state(module);
    Py_CLEAR(st->handlers);
    Py_CLEAR(st->aliases);
    return 0;
}

static PyMethodDef dispatch_methods[] = {
    {"emit", dispatch_emit, METH_O, NULL},
    {"resolve", dispatch_resolve, METH_O, NULL},
    {"version", dispatch_version, METH_NOARGS, NULL},
    {"emit_fixed", dispatch_emit_fixed, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot dispatch_slots[] = {
    {Py_mod_exec, dispatch_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef dispatch_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "dispatch",
    .m_size = sizeof(dispatch_state),
    .m_methods = dispatch_methods,
    .m_slots = dispatch_slots,
    .m_traverse = dispatch_traverse,
    .m_clear = dispatch_clear,
};

PyMODINIT_FUNC
PyInit_dispatch(void)
{
    return PyModuleDef_Init(&dispatch_module);
}
