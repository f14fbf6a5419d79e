/* set-refcnt: manual counts outside deallocation; resurrection in dealloc is fine. */
#include <Python.h>

static PyObject *
pin(PyObject *self, PyObject *o)
{
    Py_SET_REFCNT(o, Py_REFCNT(o) + 1);  // expect: set-refcnt
    return Py_NewRef(o);
}

static void
Thing_dealloc(PyObject *self)
{
    Py_SET_REFCNT(self, 1);
    if (PyObject_CallFinalizerFromDealloc(self) < 0) {
        return;
    }
    Py_TYPE(self)->tp_free(self);
}
