/* Weak-reference code written for several Pythons: the borrowed PyWeakref_GetObject kept
 * for Pythons before 3.13 (`#if PY_VERSION_HEX < 0x030D0000`, the `#else` of a 3.13 test),
 * for the GIL build (`#ifndef Py_GIL_DISABLED`) or in `#if 0` is never compiled by
 * free-threaded 3.14 and is silent; a compatibility macro defined the same way is silent
 * too. An unguarded helper macro over PyWeakref_GET_OBJECT is reported on its #define.
 * Findings: borrowed-weakref-object at the macro's uses on DEREF_OR_NONE. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
static int
PyWeakref_GetRef(PyObject *ref, PyObject **pobj)
{
    PyObject *obj = PyWeakref_GetObject(ref);
    if (obj == NULL) {
        *pobj = NULL;
        return -1;
    }
    *pobj = obj == Py_None ? NULL : Py_NewRef(obj);
    return *pobj != NULL;
}
#define WEAK_TARGET(r) Py_NewRef(PyWeakref_GET_OBJECT(r))
#else
#define WEAK_TARGET(r) weak_target_ref(r)
#endif

#define DEREF_OR_NONE(r) (PyWeakref_GET_OBJECT(r))

static PyObject *
weak_target_ref(PyObject *ref)
{
    PyObject *obj;
    if (PyWeakref_GetRef(ref, &obj) < 0) {
        return NULL;
    }
    return obj ? obj : Py_NewRef(Py_None);
}

static PyObject *
is_alive(PyObject *module, PyObject *ref)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *obj;
    int alive = PyWeakref_GetRef(ref, &obj);
    if (alive < 0) {
        return NULL;
    }
    Py_XDECREF(obj);
#else
    int alive = PyWeakref_GetObject(ref) != Py_None;
#endif
    return PyBool_FromLong(alive);
}

static PyObject *
target(PyObject *module, PyObject *ref)
{
#ifndef Py_GIL_DISABLED
    if (PyWeakref_CheckRef(ref)) {
        return Py_NewRef(PyWeakref_GET_OBJECT(ref));
    }
#endif
#if 0
    return Py_NewRef(PyWeakref_GetObject(ref));
#endif
    return WEAK_TARGET(ref);
}

static PyObject *
peek(PyObject *module, PyObject *ref)
{
    return Py_NewRef(DEREF_OR_NONE(ref));  // expect: borrowed-weakref-object
}

static PyMethodDef weakcompat_methods[] = {
    {"is_alive", is_alive, METH_O, NULL},
    {"target", target, METH_O, NULL},
    {"peek", peek, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
