/* The _lz module: its slot array takes the Py_mod_gil entry from compat.h. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "compat.h"

static PyObject *
lz_ratio(PyObject *module, PyObject *args)
{
    Py_ssize_t raw, packed;
    if (!PyArg_ParseTuple(args, "nn:ratio", &raw, &packed)) {
        return NULL;
    }
    if (raw == 0) {
        return PyFloat_FromDouble(1.0);
    }
    return PyFloat_FromDouble((double)packed / (double)raw);
}

static PyMethodDef lz_methods[] = {
    {"ratio", lz_ratio, METH_VARARGS, "Compression ratio."},
    {NULL, NULL, 0, NULL}
};

static int
lz_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "WINDOW", 4096);
}

static PyModuleDef_Slot lz_slots[] = {
    {Py_mod_exec, lz_exec},
    LZ_SUBINTERP_SLOT
    LZ_GIL_SLOT
    {0, NULL}
};

static struct PyModuleDef lz_module = {
    PyModuleDef_HEAD_INIT, "_lz", NULL, 0, lz_methods, lz_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__lz(void)
{
    return PyModuleDef_Init(&lz_module);
}
