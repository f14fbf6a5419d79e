/* Multi-phase module whose def names its slot array through an object-like macro:
 * `.m_slots = MODULE_SLOTS` with `#define MODULE_SLOTS mod_slots`. The array declares
 * Py_mod_gil (guarded).
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MODULE_NAME "aliased"
#define MODULE_SLOTS mod_slots

static PyObject *
aliased_name(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString(MODULE_NAME);
}

static PyMethodDef mod_methods[] = {
    {"name", aliased_name, METH_NOARGS, "The module's name."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot mod_slots[] = {
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef mod_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = MODULE_NAME,
    .m_methods = mod_methods,
    .m_slots = MODULE_SLOTS,
};

PyMODINIT_FUNC
PyInit_aliased(void)
{
    return PyModuleDef_Init(&mod_def);
}
