/* Regression (review): a resurrection check in tp_dealloc is about this thread's own reference. */
#include <Python.h>

static void
Node_dealloc(PyObject *self)
{
    Py_SET_REFCNT(self, 1);
    PyObject_CallFinalizerFromDealloc(self);
    if (Py_REFCNT(self) > 1) {
        return;   /* resurrected */
    }
    Py_TYPE(self)->tp_free(self);
}
