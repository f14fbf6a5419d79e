/* static-state-write: a qualified call names its scope, as the definition does: std::next
 * is not the project's next, counter::peek is the function defined as counter::peek, and
 * bump() inside it is counter::bump, looked up from the caller's namespace outwards. A table
 * entry names a function by its qualified name too. */
#include <Python.h>
#include <iterator>
#include <vector>

namespace counter {
long bump();
long peek();
PyObject *reset(PyObject *self, PyObject *unused);
}

static long produced, bumps, resets;

long next(void) { return ++produced; }

long counter::bump() { return ++bumps; }  // expect: static-state-write
long counter::peek() { return bump() - 1; }

PyObject *
counter::reset(PyObject *self, PyObject *unused)
{
    resets++;  // expect: static-state-write
    Py_RETURN_NONE;
}

static PyObject *
walk(PyObject *self, PyObject *arg)
{
    std::vector<long> v(2, 0);
    auto it = std::next(v.begin());
    return PyLong_FromLong(*it + counter::peek());
}

static PyMethodDef methods[] = {
    {"walk", walk, METH_O, NULL},
    {"reset", (PyCFunction)counter::reset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
