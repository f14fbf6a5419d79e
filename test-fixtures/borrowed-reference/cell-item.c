/* PyCell_GET reads a cell's contents without a reference: a cell shared with a closure (a
 * parameter, a field, a free variable of a function object) can be set by another thread,
 * freeing the old contents. A critical section on the cell makes the read safe; PyCell_Get
 * returns a strong reference; PyCell_SET and PyCell_Set are not reads.
 * Findings: borrowed-cell-item on the reads of `cell`, `self->cell`, the closure's cell and
 * the CELL_VALUE macro. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CELL_VALUE(c) PyCell_GET(c)

typedef struct {
    PyObject_HEAD
    PyObject *cell;
} BoxObject;

static PyObject *
cell_contents(PyObject *module, PyObject *cell)
{
    if (!PyCell_Check(cell)) {
        PyErr_SetString(PyExc_TypeError, "expected a cell");
        return NULL;
    }
    PyObject *value = PyCell_GET(cell);  // expect: borrowed-cell-item
    return Py_NewRef(value ? value : Py_None);
}

static PyObject *
box_get(BoxObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_XNewRef(PyCell_GET(self->cell));  // expect: borrowed-cell-item
}

static PyObject *
first_free_var(PyObject *module, PyObject *func)
{
    PyObject *closure = PyFunction_GetClosure(func);
    if (closure == NULL || PyTuple_GET_SIZE(closure) == 0) {
        Py_RETURN_NONE;
    }
    return Py_XNewRef(PyCell_GET(PyTuple_GET_ITEM(closure, 0)));  // expect: borrowed-cell-item
}

static PyObject *
box_swap(BoxObject *self, PyObject *value)
{
    PyObject *old;
    Py_BEGIN_CRITICAL_SECTION(self->cell);
    old = Py_XNewRef(PyCell_GET(self->cell));
    PyCell_SET(self->cell, Py_NewRef(value));
    Py_END_CRITICAL_SECTION();
    /* The cell's old reference was handed to us: drop it and the extra one. */
    Py_XDECREF(old);
    return old ? old : Py_NewRef(Py_None);
}

static PyObject *
box_get_fixed(BoxObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *value = PyCell_Get(self->cell);
    return value ? value : Py_NewRef(Py_None);
}

static PyObject *
box_set(BoxObject *self, PyObject *value)
{
    if (PyCell_Set(self->cell, value) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
box_is_empty(BoxObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(CELL_VALUE(self->cell) == NULL);  // expect: borrowed-cell-item
}

static PyMethodDef box_methods[] = {
    {"get", (PyCFunction)box_get, METH_NOARGS, NULL},
    {"swap", (PyCFunction)box_swap, METH_O, NULL},
    {"get_fixed", (PyCFunction)box_get_fixed, METH_NOARGS, NULL},
    {"set", (PyCFunction)box_set, METH_O, NULL},
    {"is_empty", (PyCFunction)box_is_empty, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMethodDef cells_methods[] = {
    {"cell_contents", cell_contents, METH_O, NULL},
    {"first_free_var", first_free_var, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};
