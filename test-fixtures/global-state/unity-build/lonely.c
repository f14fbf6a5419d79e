/* Its own unit: other.c cannot call its static lonely_bump, only a non-static one elsewhere. */
#include <Python.h>

static long lonely_count;

static PyObject *
lonely_bump(void)
{
    lonely_count++;
    return PyLong_FromLong(lonely_count);
}
