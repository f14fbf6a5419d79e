/* memory-domain-mismatch: buffers from the object allocator, objects from the
 * raw or mem allocators; the right pairings beside them. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

typedef struct {
    PyObject_HEAD
    double *values;
    Py_ssize_t size;
} Vector;

static PyTypeObject VectorType;

static PyObject *
vector_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Vector *self = (Vector *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->values = PyMem_Calloc(8, sizeof(double));
    return (PyObject *)self;
}

static PyObject *
scratch(PyObject *self, PyObject *arg)
{
    char *text = PyObject_Malloc(256);  // expect: memory-domain-mismatch
    double *xs, *ys;
    PyObject **items;
    Py_ssize_t n = PyLong_AsSsize_t(arg);

    xs = PyObject_Calloc(n, sizeof(double));  // expect: memory-domain-mismatch
    ys = PyMem_Calloc(n, sizeof(double));
    items = PyObject_Realloc(NULL,  // expect: memory-domain-mismatch
                             n * sizeof(PyObject *));
    PyObject_Free(text);
    PyObject_Free(xs);
    PyMem_Free(ys);
    PyObject_Free(items);
    Py_RETURN_NONE;
}

static PyObject *
make_vector(PyObject *self, PyObject *unused)
{
    Vector *v = (Vector *)PyMem_Malloc(sizeof(Vector));
    if (v == NULL) {
        return PyErr_NoMemory();
    }
    PyObject_Init((PyObject *)v, &VectorType);  // expect: memory-domain-mismatch
    return (PyObject *)v;
}

static PyObject *
make_vector_right(PyObject *self, PyObject *unused)
{
    Vector *v = (Vector *)PyObject_Malloc(sizeof(Vector));   /* object domain: right */
    if (v == NULL) {
        return PyErr_NoMemory();
    }
    return PyObject_Init((PyObject *)v, &VectorType);
}

static PyObject *
make_raw(PyObject *self, PyObject *unused)
{
    return (PyObject *)PyObject_Init(malloc(sizeof(Vector)), &VectorType);  // expect: memory-domain-mismatch
}

/* Regression (review): a buffer stored in a struct member is typed from the struct. */
static int
vector_resize(Vector *self, Py_ssize_t n)
{
    self->values = PyObject_Realloc(self->values, n * sizeof(double));  // expect: memory-domain-mismatch
    self->size = n;
    return self->values == NULL ? -1 : 0;
}
