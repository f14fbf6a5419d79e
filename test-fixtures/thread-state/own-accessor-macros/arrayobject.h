/* A library's own object API with a Py prefix: accessors of its own struct, not CPython's C API. */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t length;
} PyGridObject;

#define PyGrid_DATA(o) (((PyGridObject *)(o))->data)
#define PyGrid_LENGTH(o) (((PyGridObject *)(o))->length)

/* A shim for old Pythons only: under it, the name is still CPython's. */
#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *Py_NewRef(PyObject *o) { Py_INCREF(o); return o; }
#define PyList_GetItemRef(l, i) Py_NewRef(PyList_GetItem((l), (i)))
#endif

Py_ssize_t PyGrid_Count(PyGridObject *grid, char needle);
