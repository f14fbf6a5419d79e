/* limited-api-free-threaded: the limited API is defined only for regular
 * builds, so the free-threaded build can compile this file. */
#ifndef Py_GIL_DISABLED
#  define Py_LIMITED_API 0x030A0000
#endif
#include <Python.h>

static Py_ssize_t
size_of(PyObject *seq)
{
    return PySequence_Size(seq);
}
