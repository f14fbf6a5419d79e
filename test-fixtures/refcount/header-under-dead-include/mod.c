/* A file-scope rule (refcount-uniqueness-check) does not judge a header only Python 2 builds include. */
#include <Python.h>

#if PY_MAJOR_VERSION < 3
#include "unique_py2.h"
#else
#include "unique_py3.h"
#endif

static PyObject *
append_in_place(PyObject *self, PyObject *list)
{
    return PyBool_FromLong(can_reuse(list));
}
