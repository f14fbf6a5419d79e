/* Multi-phase module: Py_mod_gil entry under `#ifdef Py_GIL_DISABLED` (only defined by
 * free-threaded 3.13+ builds, so it also keeps the entry away from older Pythons).
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
bitcount_popcount(PyObject *module, PyObject *arg)
{
    unsigned long long v = PyLong_AsUnsignedLongLong(arg);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    long count = 0;
    while (v) {
        v &= v - 1;
        count++;
    }
    return PyLong_FromLong(count);
}

static PyMethodDef bitcount_methods[] = {
    {"popcount", bitcount_popcount, METH_O, "Number of set bits."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot bitcount_slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef bitcount_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "bitcount",
    .m_doc = "Bit counting.",
    .m_size = 0,
    .m_methods = bitcount_methods,
    .m_slots = bitcount_slots,
};

PyMODINIT_FUNC
PyInit_bitcount(void)
{
    return PyModuleDef_Init(&bitcount_module);
}
