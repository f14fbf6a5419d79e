/* A realistic extension: an event bus (`eventbus`) keeping per-module state with a dict of
 * topics (topic -> list of weak references to subscribers). It mixes every family member:
 * ported code (PyWeakref_GetRef, PyDict_GetItemRef, critical sections, fresh containers)
 * next to unported borrowed calls.
 * Findings: borrowed-dict-item in publish, borrowed-list-item and borrowed-weakref-object
 * in publish's loop, borrowed-sequence-fast in subscribe_many, borrowed-import-module and
 * borrowed-frame-dict in caller_module, borrowed-cell-item in unwrap_closure. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *topics;   /* dict: topic -> list of weakrefs */
} bus_state;

static inline bus_state *
bus_get_state(PyObject *module)
{
    return (bus_state *)PyModule_GetState(module);
}

static int
bus_subscribe_one(bus_state *st, PyObject *topic, PyObject *subscriber)
{
    PyObject *ref = PyWeakref_NewRef(subscriber, NULL);
    if (ref == NULL) {
        return -1;
    }
    PyObject *fresh = PyList_New(0);
    if (fresh == NULL) {
        Py_DECREF(ref);
        return -1;
    }
    PyObject *subscribers;
    int rc = PyDict_SetDefaultRef(st->topics, topic, fresh, &subscribers);
    Py_DECREF(fresh);
    if (rc >= 0) {
        rc = PyList_Append(subscribers, ref);
        Py_DECREF(subscribers);
    }
    Py_DECREF(ref);
    return rc;
}

static PyObject *
bus_subscribe(PyObject *module, PyObject *args)
{
    PyObject *topic, *subscriber;
    if (!PyArg_ParseTuple(args, "UO:subscribe", &topic, &subscriber)) {
        return NULL;
    }
    if (bus_subscribe_one(bus_get_state(module), topic, subscriber) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
bus_subscribe_many(PyObject *module, PyObject *args)
{
    PyObject *topic, *subscribers;
    if (!PyArg_ParseTuple(args, "UO:subscribe_many", &topic, &subscribers)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(subscribers, "subscribers must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    bus_state *st = bus_get_state(module);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        if (bus_subscribe_one(st, topic, PySequence_Fast_GET_ITEM(seq, i)) < 0) {  // expect: borrowed-sequence-fast
            Py_DECREF(seq);
            return NULL;
        }
    }
    Py_DECREF(seq);
    Py_RETURN_NONE;
}

static PyObject *
bus_publish(PyObject *module, PyObject *args)
{
    PyObject *topic, *payload;
    if (!PyArg_ParseTuple(args, "UO:publish", &topic, &payload)) {
        return NULL;
    }
    bus_state *st = bus_get_state(module);
    PyObject *subscribers = PyDict_GetItemWithError(st->topics, topic);  // expect: borrowed-dict-item
    if (subscribers == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        return PyLong_FromLong(0);
    }
    long delivered = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(subscribers); i++) {
        PyObject *ref = PyList_GET_ITEM(subscribers, i);  // expect: borrowed-list-item
        PyObject *target = PyWeakref_GET_OBJECT(ref);  // expect: borrowed-weakref-object
        if (target == Py_None) {
            continue;
        }
        PyObject *r = PyObject_CallOneArg(target, payload);
        if (r == NULL) {
            return NULL;
        }
        Py_DECREF(r);
        delivered++;
    }
    return PyLong_FromLong(delivered);
}

/* The ported version of publish. */
static PyObject *
bus_publish_safe(PyObject *module, PyObject *args)
{
    PyObject *topic, *payload;
    if (!PyArg_ParseTuple(args, "UO:publish_safe", &topic, &payload)) {
        return NULL;
    }
    PyObject *subscribers;
    int found = PyDict_GetItemRef(bus_get_state(module)->topics, topic, &subscribers);
    if (found <= 0) {
        return found < 0 ? NULL : PyLong_FromLong(0);
    }
    PyObject *snapshot;
    Py_BEGIN_CRITICAL_SECTION(subscribers);
    snapshot = PyList_GetSlice(subscribers, 0, PyList_GET_SIZE(subscribers));
    Py_END_CRITICAL_SECTION();
    Py_DECREF(subscribers);
    if (snapshot == NULL) {
        return NULL;
    }
    long delivered = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(snapshot); i++) {
        PyObject *target;
        if (PyWeakref_GetRef(PyList_GET_ITEM(snapshot, i), &target) < 0) {
            Py_DECREF(snapshot);
            return NULL;
        }
        if (target == NULL) {
            continue;
        }
        PyObject *r = PyObject_CallOneArg(target, payload);
        Py_DECREF(target);
        if (r == NULL) {
            Py_DECREF(snapshot);
            return NULL;
        }
        Py_DECREF(r);
        delivered++;
    }
    Py_DECREF(snapshot);
    return PyLong_FromLong(delivered);
}

static PyObject *
bus_caller_module(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *globals = PyEval_GetGlobals();  // expect: borrowed-frame-dict
    PyObject *name = NULL;
    if (globals != NULL && PyDict_GetItemStringRef(globals, "__name__", &name) < 0) {
        return NULL;
    }
    if (name == NULL) {
        return Py_XNewRef(PyImport_AddModule("__main__"));  // expect: borrowed-import-module
    }
    PyObject *m = PyImport_GetModule(name);
    Py_DECREF(name);
    return m;
}

static PyObject *
bus_unwrap_closure(PyObject *module, PyObject *func)
{
    PyObject *closure = PyFunction_Check(func) ? PyFunction_GetClosure(func) : NULL;
    if (closure == NULL || PyTuple_GET_SIZE(closure) == 0) {
        return Py_NewRef(func);
    }
    PyObject *cell = PyTuple_GET_ITEM(closure, 0);
    PyObject *inner = PyCell_GET(cell);  // expect: borrowed-cell-item
    return Py_NewRef(inner ? inner : func);
}

static PyObject *
bus_topics(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *names = PyDict_Keys(bus_get_state(module)->topics);
    if (names != NULL && PyList_Sort(names) < 0) {
        Py_CLEAR(names);
    }
    return names;
}

static int
bus_exec(PyObject *module)
{
    bus_state *st = bus_get_state(module);
    st->topics = PyDict_New();
    return st->topics == NULL ? -1 : 0;
}

static int
bus_traverse(PyObject *module, visitproc visit, void *arg)
{
    Py_VISIT(bus_get_state(module)->topics);
    return 0;
}

static int
bus_clear(PyObject *module)
{
    Py_CLEAR(bus_get_state(module)->topics);
    return 0;
}

static PyMethodDef bus_methods[] = {
    {"subscribe", bus_subscribe, METH_VARARGS, NULL},
    {"subscribe_many", bus_subscribe_many, METH_VARARGS, NULL},
    {"publish", bus_publish, METH_VARARGS, NULL},
    {"publish_safe", bus_publish_safe, METH_VARARGS, NULL},
    {"caller_module", bus_caller_module, METH_NOARGS, NULL},
    {"unwrap_closure", bus_unwrap_closure, METH_O, NULL},
    {"topics", bus_topics, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot bus_slots[] = {
    {Py_mod_exec, bus_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef bus_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "eventbus",
    .m_size = sizeof(bus_state),
    .m_methods = bus_methods,
    .m_slots = bus_slots,
    .m_traverse = bus_traverse,
    .m_clear = bus_clear,
};

PyMODINIT_FUNC
PyInit_eventbus(void)
{
    return PyModuleDef_Init(&bus_module);
}
