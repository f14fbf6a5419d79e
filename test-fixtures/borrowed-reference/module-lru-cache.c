/* A realistic small extension: a bounded memoisation cache type (`lrucache.Cache`) with a
 * dict of entries and a list recording insertion order, plus module functions. Some
 * methods are already ported to free-threading (critical sections, PyDict_GetItemRef,
 * PyList_GetItemRef), others still use borrowed references on the shared fields.
 * Findings: borrowed-dict-item in Cache.get and in the `in` operator (cache_contains),
 * borrowed-list-item in Cache.oldest and Cache.evict, borrowed-dict-setdefault in
 * Cache.setdefault. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *entries;    /* dict: key -> value */
    PyObject *order;      /* list of keys, oldest first */
    Py_ssize_t maxsize;
    Py_ssize_t hits;
    Py_ssize_t misses;
} CacheObject;

static int
cache_init(CacheObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"maxsize", NULL};
    Py_ssize_t maxsize = 128;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|n:Cache", kwlist, &maxsize)) {
        return -1;
    }
    /* Reading the call's own keyword dict is fine. */
    if (kwds != NULL && PyDict_GetItemString(kwds, "typed") != NULL) {
        PyErr_SetString(PyExc_TypeError, "'typed' is not supported");
        return -1;
    }
    PyObject *entries = PyDict_New();
    PyObject *order = PyList_New(0);
    if (entries == NULL || order == NULL) {
        Py_XDECREF(entries);
        Py_XDECREF(order);
        return -1;
    }
    Py_XSETREF(self->entries, entries);
    Py_XSETREF(self->order, order);
    self->maxsize = maxsize;
    return 0;
}

/* Not yet ported: borrowed lookup in the shared dict. */
static PyObject *
cache_get(CacheObject *self, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(self->entries, key);  // expect: borrowed-dict-item
    if (value == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        self->misses++;
        Py_RETURN_NONE;
    }
    self->hits++;
    return Py_NewRef(value);
}

/* Ported: a strong reference. */
static PyObject *
cache_get_or_raise(CacheObject *self, PyObject *key)
{
    PyObject *value;
    int found = PyDict_GetItemRef(self->entries, key, &value);
    if (found == 0) {
        PyErr_SetObject(PyExc_KeyError, key);
    }
    return found > 0 ? value : NULL;
}

static int
cache_contains(CacheObject *self, PyObject *key)
{
    return PyDict_GetItem(self->entries, key) != NULL;  // expect: borrowed-dict-item
}

static PyObject *
cache_put(CacheObject *self, PyObject *args)
{
    PyObject *key, *value;
    if (!PyArg_ParseTuple(args, "OO:put", &key, &value)) {
        return NULL;
    }
    int rc = 0;
    Py_BEGIN_CRITICAL_SECTION2(self->entries, self->order);
    if (PyDict_GetItemWithError(self->entries, key) == NULL && !PyErr_Occurred()) {
        rc = PyList_Append(self->order, key);
    }
    if (rc == 0 && !PyErr_Occurred()) {
        rc = PyDict_SetItem(self->entries, key, value);
    }
    else {
        rc = -1;
    }
    Py_END_CRITICAL_SECTION2();
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
cache_oldest(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    if (PyList_GET_SIZE(self->order) == 0) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(PyList_GET_ITEM(self->order, 0));  // expect: borrowed-list-item
}

static PyObject *
cache_newest(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = PyList_Size(self->order);
    if (n <= 0) {
        Py_RETURN_NONE;
    }
    return PyList_GetItemRef(self->order, n - 1);
}

static PyObject *
cache_evict(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    while (PyList_GET_SIZE(self->order) > self->maxsize) {
        PyObject *key = PyList_GetItem(self->order, 0);  // expect: borrowed-list-item
        if (key == NULL || PyDict_DelItem(self->entries, key) < 0
            || PyList_SetSlice(self->order, 0, 1, NULL) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
cache_setdefault(CacheObject *self, PyObject *args)
{
    PyObject *key, *dflt = Py_None;
    if (!PyArg_ParseTuple(args, "O|O:setdefault", &key, &dflt)) {
        return NULL;
    }
    return Py_XNewRef(PyDict_SetDefault(self->entries, key, dflt));  // expect: borrowed-dict-setdefault
}

static PyObject *
cache_keys_snapshot(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    /* A private copy: the reads below touch only our own list. */
    PyObject *keys = PyDict_Keys(self->entries);
    if (keys == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); i++) {
        if (PyList_GET_ITEM(keys, i) == Py_None) {
            PyErr_SetString(PyExc_ValueError, "None is not a valid key");
            Py_DECREF(keys);
            return NULL;
        }
    }
    return keys;
}

static PyObject *
cache_stats(CacheObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("{s:n,s:n,s:n}", "hits", self->hits, "misses", self->misses,
                         "size", PyDict_Size(self->entries));
}

static int
cache_traverse(CacheObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->entries);
    Py_VISIT(self->order);
    return 0;
}

static int
cache_clear(CacheObject *self)
{
    Py_CLEAR(self->entries);
    Py_CLEAR(self->order);
    return 0;
}

static void
cache_dealloc(CacheObject *self)
{
    PyObject_GC_UnTrack(self);
    cache_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef cache_methods[] = {
    {"get", (PyCFunction)cache_get, METH_O, NULL},
    {"get_or_raise", (PyCFunction)cache_get_or_raise, METH_O, NULL},
    {"put", (PyCFunction)cache_put, METH_VARARGS, NULL},
    {"oldest", (PyCFunction)cache_oldest, METH_NOARGS, NULL},
    {"newest", (PyCFunction)cache_newest, METH_NOARGS, NULL},
    {"evict", (PyCFunction)cache_evict, METH_NOARGS, NULL},
    {"setdefault", (PyCFunction)cache_setdefault, METH_VARARGS, NULL},
    {"keys_snapshot", (PyCFunction)cache_keys_snapshot, METH_NOARGS, NULL},
    {"stats", (PyCFunction)cache_stats, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot cache_type_slots[] = {
    {Py_tp_init, cache_init},
    {Py_tp_dealloc, cache_dealloc},
    {Py_tp_traverse, cache_traverse},
    {Py_tp_clear, cache_clear},
    {Py_tp_methods, cache_methods},
    {Py_sq_contains, cache_contains},
    {0, NULL}
};

static PyType_Spec cache_type_spec = {
    .name = "lrucache.Cache",
    .basicsize = sizeof(CacheObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .slots = cache_type_slots,
};

static int
lrucache_exec(PyObject *module)
{
    PyObject *type = PyType_FromModuleAndSpec(module, &cache_type_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int rc = PyModule_AddObjectRef(module, "Cache", type);
    Py_DECREF(type);
    return rc;
}

static PyModuleDef_Slot lrucache_slots[] = {
    {Py_mod_exec, lrucache_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef lrucache_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "lrucache",
    .m_doc = "A bounded memoisation cache.",
    .m_slots = lrucache_slots,
};

PyMODINIT_FUNC
PyInit_lrucache(void)
{
    return PyModuleDef_Init(&lrucache_module);
}
