/* Multi-phase module whose Py_mod_gil entry macro is defined twice: first empty under
 * `#ifndef Py_mod_gil`, then with the entry in the `#else` branch. The second definition is
 * the one a 3.13+ build sees.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef Py_mod_gil
#  define HISTO_GIL_SLOT
#else
#  define HISTO_GIL_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif

static PyObject *
histo_bucket(PyObject *module, PyObject *args)
{
    double value, width;
    if (!PyArg_ParseTuple(args, "dd:bucket", &value, &width)) {
        return NULL;
    }
    if (width <= 0.0) {
        PyErr_SetString(PyExc_ValueError, "width must be positive");
        return NULL;
    }
    return PyLong_FromDouble(value / width);
}

static PyMethodDef histo_methods[] = {
    {"bucket", histo_bucket, METH_VARARGS, "Index of the bucket holding value."},
    {NULL, NULL, 0, NULL}
};

static int
histo_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "DEFAULT_BUCKETS", 10);
}

static PyModuleDef_Slot histo_slots[] = {
    {Py_mod_exec, histo_exec},
    HISTO_GIL_SLOT
    {0, NULL}
};

static struct PyModuleDef histo_module = {
    PyModuleDef_HEAD_INIT, "histo", NULL, 0, histo_methods, histo_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_histo(void)
{
    return PyModuleDef_Init(&histo_module);
}
