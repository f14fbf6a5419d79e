// fixture: target-python=3.15
/* With --target-python 3.15, APIs scheduled for removal in 3.15 are removals. */
#include <Python.h>

static PyObject *
deref(PyObject *ref)
{
    return Py_NewRef(PyWeakref_GET_OBJECT(ref));  // expect: removed-api
}
