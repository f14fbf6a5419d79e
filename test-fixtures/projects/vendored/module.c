/* A module over vendored C that never names the Python API. Such files are
 * parsed only when the module reaches them: through a call, a project macro,
 * a table of their own, or a container of the module they name. The findings
 * must be those of parsing every file (test/deferral.test.ts). */
#include <Python.h>
#include "state.h"
#include "vendor/codec.h"
#include "vendor/tick.h"

PyObject *shared_names;
static PyMutex names_lock;

static PyObject *
compress(PyObject *self, PyObject *arg)
{
    TICK();
    return PyLong_FromLong(vendor_compress(PyLong_AsLong(arg)) + old_style(1, 2));
}

static PyObject *
lookup(PyObject *self, PyObject *key)
{
    PyMutex_Lock(&names_lock);
    PyObject *item = PyDict_GetItem(shared_names, key);  // expect: borrowed-dict-item
    Py_XINCREF(item);
    PyMutex_Unlock(&names_lock);
    return item;
}

static PyMethodDef methods[] = {
    {"compress", compress, METH_O, NULL},
    {"lookup", lookup, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *m)
{
    shared_names = PyDict_New();
    return shared_names == NULL ? -1 : 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "vendored",
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_vendored(void)
{
    return PyModuleDef_Init(&moduledef);
}
