/* static-state-write: the calls that fill their first argument write it (the C library's
 * copies and formats, CPython's Py_XSETREF and Py_CLEAR), so a static or global buffer or
 * object filled that way is shared by every thread at once; copying out of it, or into a
 * local, is no write. */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static char last_error[128];
static struct {
    long calls;
    char tag[8];
} stats;
char shared_name[32];

static PyObject *
fail(PyObject *self, PyObject *arg)
{
    PyOS_snprintf(last_error, sizeof(last_error), "bad value: %ld", PyLong_AsLong(arg));  // expect: static-state-write
    PyErr_SetString(PyExc_ValueError, last_error);
    return NULL;
}

static PyObject *
set_tag(PyObject *self, PyObject *arg)
{
    const char *text = PyUnicode_AsUTF8(arg);
    if (text == NULL) {
        return NULL;
    }
    strncpy(stats.tag, text, sizeof(stats.tag) - 1);  // expect: static-state-write
    memset((void *)shared_name, 0, sizeof shared_name);  // expect: static-state-write
    Py_RETURN_NONE;
}

static PyObject *last_value;

static PyObject *
remember(PyObject *self, PyObject *arg)
{
    Py_XSETREF(last_value, Py_NewRef(arg));  // expect: static-state-write
    Py_RETURN_NONE;
}

static PyObject *
forget(PyObject *self, PyObject *unused)
{
    Py_CLEAR(last_value);  // expect: static-state-write
    Py_RETURN_NONE;
}

static PyObject *
get_tag(PyObject *self, PyObject *unused)
{
    char copy[8];
    memcpy(copy, stats.tag, sizeof copy);
    snprintf(copy, sizeof copy, "%s", shared_name);
    return PyUnicode_FromStringAndSize(copy, strnlen(copy, sizeof copy));
}

static PyMethodDef methods[] = {
    {"fail", fail, METH_O, NULL},
    {"set_tag", set_tag, METH_O, NULL},
    {"get_tag", get_tag, METH_NOARGS, NULL},
    {"remember", remember, METH_O, NULL},
    {"forget", forget, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
