/* static-state-write: file-scope state written from functions Python can call,
 * with the writes that are safe (init-only, locked, atomic, thread-local,
 * critical section, compiled out) beside them. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdatomic.h>

static PyObject *json_module = NULL;
static Py_ssize_t calls_made;
static long histogram[16];
static struct { int hits; int misses; } stats;
static _Atomic long atomic_calls;
static _Thread_local int recursion_depth;
static PyObject *error_type;          /* set once, in exec */
static PyMutex table_lock;
static PyObject *table;
static const char *const names[] = {"a", "b"};

static int
record(long bucket)
{
    histogram[bucket & 15] += 1;  // expect: static-state-write
    stats.hits++;  // expect: static-state-write
    return 0;
}

static PyObject *
to_json(PyObject *self, PyObject *obj)
{
    if (json_module == NULL) {
        json_module = PyImport_ImportModule("json");  // expect: static-state-write
        if (json_module == NULL) {
            return NULL;
        }
    }
    calls_made++;  // expect: static-state-write
    atomic_calls++;
    recursion_depth = recursion_depth + 1;
    record(calls_made);
    return PyObject_CallMethod(json_module, "dumps", "O", obj);
}

static PyObject *
remember(PyObject *self, PyObject *obj)
{
    PyMutex_Lock(&table_lock);
    table = obj;
    PyMutex_Unlock(&table_lock);
    Py_BEGIN_CRITICAL_SECTION(self);
    stats.misses = 0;
    Py_END_CRITICAL_SECTION();
#ifndef Py_GIL_DISABLED
    calls_made = 0;   /* regular build only */
#endif
    Py_RETURN_NONE;
}

static PyObject *
shadowing(PyObject *self, PyObject *unused)
{
    Py_ssize_t calls_made = 0;   /* a local of the same name */
    calls_made += 2;
    /* calls_made++ in a comment is not a write */
    return PyLong_FromSsize_t(calls_made);
}

static PyMethodDef module_methods[] = {
    {"to_json", to_json, METH_O, NULL},
    {"remember", remember, METH_O, NULL},
    {"shadowing", shadowing, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *m)
{
    error_type = PyErr_NewException("statics.Error", NULL, NULL);   /* import time only */
    calls_made = 0;
    return error_type == NULL ? -1 : PyModule_AddObjectRef(m, "Error", error_type);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, exec_module},
    {0, NULL},
};

static struct PyModuleDef statics_module = {
    PyModuleDef_HEAD_INIT, .m_name = "statics", .m_methods = module_methods, .m_slots = module_slots,
};

PyMODINIT_FUNC
PyInit_statics(void)
{
    return PyModuleDef_Init(&statics_module);
}

/* Regression: a local declared without an initialiser shadows the file-scope name too. */
static PyObject *
declared_first(PyObject *self, PyObject *obj)
{
    PyObject *table;
    table = obj;
    return Py_NewRef(table);
}

static PyMethodDef more_methods[] = {
    {"declared_first", declared_first, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* Regression: a pointer to a type object is a cache, unlike a type object itself. */
static PyTypeObject *Implements;
static PyTypeObject StaticKind;

static PyObject *
load_kind(PyObject *self, PyObject *obj)
{
    Implements = (PyTypeObject *)obj;  // expect: static-state-write
    StaticKind.tp_flags = 0;
    Py_RETURN_NONE;
}

static PyMethodDef kind_methods[] = {
    {"load_kind", load_kind, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* Function-scope static caches are shared by every thread that runs the function. */
static PyObject *
to_decimal(PyObject *self, PyObject *text)
{
    static PyObject *decimal_type = NULL;
    static int calls;
    int local_calls = 0;
    if (decimal_type == NULL) {
        PyObject *mod = PyImport_ImportModule("decimal");
        if (mod == NULL) {
            return NULL;
        }
        decimal_type = PyObject_GetAttrString(mod, "Decimal");  // expect: static-state-write
        Py_DECREF(mod);
    }
    calls++;  // expect: static-state-write
    local_calls++;
    return PyObject_CallOneArg(decimal_type, text);
}

static PyObject *
other_function(PyObject *self, PyObject *arg)
{
    int calls = 0;      /* not the static of to_decimal */
    calls++;
    return PyLong_FromLong(calls);
}

static PyMethodDef decimal_methods[] = {
    {"to_decimal", to_decimal, METH_O, NULL},
    {"other_function", other_function, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
