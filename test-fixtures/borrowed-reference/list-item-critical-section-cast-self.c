/* A list subclass whose methods lock `self` and read their own items through a cast:
 * Py_BEGIN_CRITICAL_SECTION(self) and PyList_GET_ITEM((PyObject *)self, i) name the same
 * object, so the reads are protected.
 * Likewise a section on `(PyObject *)self` covers PyList_GET_ITEM(self, i) on a PyObject *self.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyListObject list;
    Py_ssize_t limit;
} BoundedListObject;

static PyObject *
bounded_oldest(BoundedListObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION(self);
    if (PyList_GET_SIZE((PyObject *)self) > 0) {
        item = Py_NewRef(PyList_GET_ITEM((PyObject *)self, 0));
    }
    Py_END_CRITICAL_SECTION();
    if (item == NULL) {
        PyErr_SetString(PyExc_IndexError, "oldest of an empty BoundedList");
    }
    return item;
}

static PyObject *
bounded_newest(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION((PyObject *)self);
    Py_ssize_t n = PyList_GET_SIZE(self);
    if (n > 0) {
        item = Py_NewRef(PyList_GET_ITEM(self, n - 1));
    }
    Py_END_CRITICAL_SECTION();
    if (item == NULL) {
        PyErr_SetString(PyExc_IndexError, "newest of an empty BoundedList");
    }
    return item;
}

static PyMethodDef bounded_methods[] = {
    {"oldest", (PyCFunction)bounded_oldest, METH_NOARGS, NULL},
    {"newest", bounded_newest, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject BoundedListType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bounded.BoundedList",
    .tp_basicsize = sizeof(BoundedListObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_methods = bounded_methods,
};

static struct PyModuleDef bounded_module = {
    PyModuleDef_HEAD_INIT, "bounded", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_bounded(void)
{
    BoundedListType.tp_base = &PyList_Type;
    if (PyType_Ready(&BoundedListType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&bounded_module);
    if (m != NULL && PyModule_AddObjectRef(m, "BoundedList", (PyObject *)&BoundedListType) < 0) {
        Py_CLEAR(m);
    }
    return m;
}
