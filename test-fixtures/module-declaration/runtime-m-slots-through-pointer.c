/* Multi-phase module made by a helper that takes the def by pointer and sets
 * `def->m_slots = slots;` before PyModuleDef_Init; the array declares Py_MOD_GIL_NOT_USED.
 * Findings: clean. */
#include <Python.h>

static int
meter_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "UNIT", 1);
}

static PyModuleDef_Slot meter_slots[] = {
    {Py_mod_exec, meter_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef meter_module = {PyModuleDef_HEAD_INIT, "meter", NULL, 0};

static PyObject *
make_module(PyModuleDef *def)
{
    def->m_slots = meter_slots;
    return PyModuleDef_Init(def);
}

PyMODINIT_FUNC
PyInit_meter(void)
{
    return make_module(&meter_module);
}
