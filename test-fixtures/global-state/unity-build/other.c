#include <Python.h>

PyObject *lonely_bump(void);

static PyObject *
py_bump(PyObject *self, PyObject *unused)
{
    return lonely_bump();
}

static PyMethodDef other_methods[] = {
    {"bump", py_bump, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
