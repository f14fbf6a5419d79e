/* borrowed-list-item: a header read only by Python 2 builds is not judged;
 * its Python 3 twin is. */
#include <Python.h>

#if PY_MAJOR_VERSION < 3
#include "first_py2.h"
#else
#include "first_py3.h"
#endif

static PyObject *
head(PyObject *self, PyObject *list)
{
    return first_of(list);
}
