/* The _qoi module: its slot array takes the Py_mod_gil entry from slots.h. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "slots.h"

static PyObject *
qoi_magic(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyBytes_FromStringAndSize("qoif", 4);
}

static PyMethodDef qoi_methods[] = {
    {"magic", qoi_magic, METH_NOARGS, "File signature."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot qoi_slots[] = {
    QOI_FREE_THREADING_SLOT,
    {0, NULL}
};

static PyModuleDef qoi_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_qoi",
    .m_methods = qoi_methods,
    .m_slots = qoi_slots,
};

PyMODINIT_FUNC
PyInit__qoi(void)
{
    return PyModuleDef_Init(&qoi_module);
}
