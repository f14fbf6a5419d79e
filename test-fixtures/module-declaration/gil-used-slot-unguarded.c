/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_USED} entry at the default
 * min-python (3.9): the note for keeping the GIL and the warning for the missing guard
 * both sit on the entry line.
 * Findings: module-gil-used and gil-slot-unguarded on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
legacyrand_seed(PyObject *module, PyObject *arg)
{
    unsigned long s = PyLong_AsUnsignedLong(arg);
    if (s == (unsigned long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    srand((unsigned int)s);
    Py_RETURN_NONE;
}

static PyMethodDef legacyrand_methods[] = {
    {"seed", legacyrand_seed, METH_O, "Seed the C library generator."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot legacyrand_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_USED},  // expect: module-gil-used, gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef legacyrand_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "legacyrand",
    .m_methods = legacyrand_methods,
    .m_slots = legacyrand_slots,
};

PyMODINIT_FUNC
PyInit_legacyrand(void)
{
    return PyModuleDef_Init(&legacyrand_module);
}
