/* Inline suppressions: by rule id or category, on the line or the line above;
 * a suppression for another rule does not hide a finding. */
#include <Python.h>

static PyObject *
lookups(PyObject *self, PyObject *d)
{
    PyObject *a = PyDict_GetItem(d, self);   /* cext-audit: ignore[borrowed-dict-item] d is private to the caller */
    /* cext-audit: ignore[borrowed-reference] checked by hand */
    PyObject *b = PyDict_GetItem(d, self);
    // cext-audit: ignore
    PyObject *c = PyDict_GetItem(d, self);
    PyObject *e = PyDict_GetItem(d, self);  /* expect: borrowed-dict-item */ // cext-audit: ignore[dict-next-unlocked]
    PyObject *f = PyDict_GetItem(d, self);  // expect: borrowed-dict-item
    (void)a; (void)b; (void)c; (void)e;
    return Py_XNewRef(f);
}
