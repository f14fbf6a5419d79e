/* static-state-write: a static declared once per #if branch is judged by the
 * declarations the free-threaded build compiles: thread-local in every one of
 * them is safe, whatever the regular build declares; a plain one is not. */
#include <Python.h>

#ifdef Py_GIL_DISABLED
#  ifdef _MSC_VER
static __declspec(thread) int depth;
#  else
static __thread int depth;
#  endif
#else
static int depth;
#endif

#ifndef Py_GIL_DISABLED
static _Thread_local int level;
#else
static int level;
#endif

static PyObject *
descend(PyObject *self, PyObject *unused)
{
    depth++;
    level++;  // expect: static-state-write
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"descend", descend, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
