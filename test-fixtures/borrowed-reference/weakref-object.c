/* PyWeakref_GetObject and PyWeakref_GET_OBJECT return a borrowed reference to a referent
 * another thread can destroy at any moment: there is no owner to lock, so they are reported
 * wherever they appear, on a parameter, a field, a weak reference the function just
 * created, and even inside a critical section. PyWeakref_GetRef is the fix.
 * Findings: borrowed-weakref-object (unowned) on each of the four borrowed dereferences. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *owner_ref;   /* weak reference to the owning widget */
} HandleObject;

static PyObject *
deref(PyObject *module, PyObject *ref)
{
    PyObject *obj = PyWeakref_GetObject(ref);  // expect: borrowed-weakref-object
    if (obj == NULL) {
        return NULL;
    }
    return Py_NewRef(obj);
}

static PyObject *
handle_owner(HandleObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *owner = PyWeakref_GET_OBJECT(self->owner_ref);  // expect: borrowed-weakref-object
    return Py_NewRef(owner);
}

static PyObject *
handle_owner_locked(HandleObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *owner;
    Py_BEGIN_CRITICAL_SECTION(self->owner_ref);
    /* Locking the weakref does not keep the referent alive. */
    owner = Py_NewRef(PyWeakref_GET_OBJECT(self->owner_ref));  // expect: borrowed-weakref-object
    Py_END_CRITICAL_SECTION();
    return owner;
}

static PyObject *
roundtrip(PyObject *module, PyObject *target)
{
    PyObject *ref = PyWeakref_NewRef(target, NULL);
    if (ref == NULL) {
        return NULL;
    }
    PyObject *back = PyWeakref_GetObject(ref);  // expect: borrowed-weakref-object
    PyObject *result = PyBool_FromLong(back == target);
    Py_DECREF(ref);
    return result;
}

static PyObject *
handle_owner_fixed(HandleObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *owner;
    if (PyWeakref_GetRef(self->owner_ref, &owner) < 0) {
        return NULL;
    }
    return owner != NULL ? owner : Py_NewRef(Py_None);
}

static PyMethodDef handle_methods[] = {
    {"owner", (PyCFunction)handle_owner, METH_NOARGS, NULL},
    {"owner_locked", (PyCFunction)handle_owner_locked, METH_NOARGS, NULL},
    {"owner_fixed", (PyCFunction)handle_owner_fixed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef weak_methods[] = {
    {"deref", deref, METH_O, NULL},
    {"roundtrip", roundtrip, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
