/* refcount rules: uniqueness tests on Py_REFCNT, the ob_refcnt field, and
 * assignments to the object header; with the accepted spellings beside them. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define IS_TEMPORARY(o) (Py_REFCNT(o) == 1)  // expect: refcount-uniqueness-check

typedef struct {
    PyObject_VAR_HEAD
    PyObject **items;
} Buffer;

static PyObject *
concat(PyObject *self, PyObject *args)
{
    PyObject *left, *right;
    if (!PyArg_ParseTuple(args, "OO", &left, &right)) {
        return NULL;
    }
    if (Py_REFCNT(left) == 1 && PyList_CheckExact(left)) {  // expect: refcount-uniqueness-check
        /* reuse the left operand in place */
    }
    if (1 == Py_REFCNT(right)) {  // expect: refcount-uniqueness-check
    }
    if (Py_REFCNT(right) > 1) {  // expect: refcount-uniqueness-check
    }
    if (PyUnstable_Object_IsUniquelyReferenced(left)) {   /* the replacement */
    }
    if (Py_REFCNT(left) > 100) {                          /* not a uniqueness test */
    }
    /* Py_REFCNT(left) == 1 in a comment is not code */
    PyErr_SetString(PyExc_ValueError, "Py_REFCNT(x) == 1");
    return PySequence_Concat(left, right);
}

static Py_ssize_t
debug_refs(PyObject *o)
{
    return o->ob_refcnt;  // expect: object-header-access
}

static void
shrink(Buffer *buf, Py_ssize_t n)
{
    Py_SIZE(buf) = n;  // expect: object-header-access
    Py_SET_SIZE(buf, n);
    if (Py_SIZE(buf) == n) {                               /* a comparison, not an assignment */
    }
}

static void
retype(PyObject *o, PyTypeObject *type)
{
    o->ob_type = type;  // expect: object-header-access
    Py_SET_TYPE(o, type);
    Py_TYPE(o) = type;  // expect: object-header-access
    ((PyVarObject *)o)->ob_size = 0;  // expect: object-header-access
}

#ifndef Py_GIL_DISABLED
static Py_ssize_t
fast_refs(PyObject *o)
{
    return o->ob_refcnt;   /* never compiled in the free-threaded build */
}
#endif

/* Regression: debug-only checks inside assert() are not reported. */
static void
finish(PyObject *o)
{
    assert(Py_REFCNT(o) == 1);
    assert(PyList_Check(o) && Py_REFCNT(o) == 1);
}
