/* borrowed-dict-item: lookups in a file-scope dict under the PyMutex that every
 * use of the dict holds are not reported while the value stays inside the lock;
 * a dict someone touches unlocked, hands out, or locks with another mutex is. */
#include <Python.h>

static PyMutex names_lock, tags_lock, labels_lock, other_lock;
static PyObject *names;      /* every use holds names_lock */
static PyObject *tags;       /* tags_lock, but one lookup holds another mutex */
static PyObject *seen;       /* one method writes it unlocked */
static PyObject *shown;      /* handed out to Python code */
static PyObject *labels;     /* labels_lock, but a helper clears it under another mutex */

#define LOCK_NAMES() PyMutex_Lock(&names_lock)
#define UNLOCK_NAMES() PyMutex_Unlock(&names_lock)

static PyObject *
has_name(PyObject *self, PyObject *key)
{
    int found;
    PyMutex_Lock(&names_lock);
    PyObject *v = PyDict_GetItemWithError(names, key);
    found = v != NULL && v != Py_None;
    PyMutex_Unlock(&names_lock);
    return PyBool_FromLong(found);
}

/* Made strong before the unlock: the later use holds its own reference. */
static PyObject *
get_name(PyObject *self, PyObject *key)
{
    LOCK_NAMES();
    PyObject *v = PyDict_GetItem(names, key);
    Py_XINCREF(v);
    UNLOCK_NAMES();
    if (v == NULL) {
        Py_RETURN_NONE;
    }
    return v;
}

/* Used after the unlock: another thread's set_name can free it by then. */
static PyObject *
name_repr(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&names_lock);
    PyObject *v = PyDict_GetItem(names, key);  // expect: borrowed-dict-item
    PyMutex_Unlock(&names_lock);
    return v == NULL ? NULL : PyObject_Repr(v);
}

/* Under the wrong mutex. */
static PyObject *
peek_tag(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&other_lock);
    int found = PyDict_GetItem(tags, key) != NULL;  // expect: borrowed-dict-item
    PyMutex_Unlock(&other_lock);
    return PyBool_FromLong(found);
}

static PyObject *
drop_tag(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&tags_lock);
    int rc = PyDict_DelItem(tags, key);
    PyMutex_Unlock(&tags_lock);
    return rc < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
set_name(PyObject *self, PyObject *args)
{
    PyObject *key, *value;
    int rc;
    if (!PyArg_ParseTuple(args, "OO", &key, &value)) {
        return NULL;
    }
    PyMutex_Lock(&names_lock);
    rc = PyDict_SetItem(names, key, value);
    PyMutex_Unlock(&names_lock);
    return rc < 0 ? NULL : Py_NewRef(Py_None);
}

/* Touches names unlocked itself, but its only caller holds names_lock. */
static int
insert_name(PyObject *key, PyObject *value)
{
    return PyDict_SetItem(names, key, value);
}

static PyObject *
set_default(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&names_lock);
    int rc = insert_name(key, Py_None);
    PyMutex_Unlock(&names_lock);
    return rc < 0 ? NULL : Py_NewRef(Py_None);
}

static PyObject *
label_of(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&labels_lock);
    PyObject *v = PyDict_GetItem(labels, key);  // expect: borrowed-dict-item
    PyObject *r = v == NULL ? NULL : PyObject_Str(v);
    PyMutex_Unlock(&labels_lock);
    return r;
}

static void
clear_labels(void)
{
    PyDict_Clear(labels);
}

static PyObject *
reset_labels(PyObject *self, PyObject *unused)
{
    PyMutex_Lock(&other_lock);
    clear_labels();
    PyMutex_Unlock(&other_lock);
    Py_RETURN_NONE;
}

static PyObject *
was_seen(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&names_lock);
    int found = PyDict_GetItem(seen, key) != NULL;  // expect: borrowed-dict-item
    PyMutex_Unlock(&names_lock);
    return PyBool_FromLong(found);
}

static PyObject *
mark_seen(PyObject *self, PyObject *key)
{
    if (PyDict_SetItem(seen, key, Py_True) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
is_shown(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&names_lock);
    int found = PyDict_GetItem(shown, key) != NULL;  // expect: borrowed-dict-item
    PyMutex_Unlock(&names_lock);
    return PyBool_FromLong(found);
}

static PyObject *
all_shown(PyObject *self, PyObject *unused)
{
    return Py_NewRef(shown);
}

/* A parameter is not guarded by a file-scope mutex: the caller's dict is anyone's. */
static PyObject *
lookup_in(PyObject *self, PyObject *args)
{
    PyObject *mapping, *key;
    if (!PyArg_ParseTuple(args, "OO", &mapping, &key)) {
        return NULL;
    }
    PyMutex_Lock(&names_lock);
    int found = PyDict_GetItem(mapping, key) != NULL;  // expect: borrowed-dict-item
    PyMutex_Unlock(&names_lock);
    return PyBool_FromLong(found);
}

static PyMethodDef methods[] = {
    {"has_name", has_name, METH_O, NULL},
    {"get_name", get_name, METH_O, NULL},
    {"name_repr", name_repr, METH_O, NULL},
    {"peek_tag", peek_tag, METH_O, NULL},
    {"drop_tag", drop_tag, METH_O, NULL},
    {"set_name", set_name, METH_VARARGS, NULL},
    {"set_default", set_default, METH_O, NULL},
    {"label_of", label_of, METH_O, NULL},
    {"reset_labels", reset_labels, METH_NOARGS, NULL},
    {"was_seen", was_seen, METH_O, NULL},
    {"mark_seen", mark_seen, METH_O, NULL},
    {"is_shown", is_shown, METH_O, NULL},
    {"all_shown", all_shown, METH_NOARGS, NULL},
    {"lookup_in", lookup_in, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* Import time, before any thread can call in: no lock needed to fill them. */
static int
exec_module(PyObject *m)
{
    names = PyDict_New();
    tags = PyDict_New();
    labels = PyDict_New();
    seen = PyDict_New();
    shown = PyDict_New();
    if (names == NULL || tags == NULL || labels == NULL || seen == NULL || shown == NULL) {
        return -1;
    }
    return PyDict_SetItemString(names, "default", Py_None);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, .m_name = "guarded", .m_methods = methods, .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_guarded(void)
{
    return PyModuleDef_Init(&module);
}
