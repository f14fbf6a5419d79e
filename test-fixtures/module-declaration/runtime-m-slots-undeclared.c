/* Multi-phase module whose m_slots is set at run time (`def.m_slots = slots;`) to an array
 * without a Py_mod_gil entry: the array is judged like one named in the initialiser.
 * Findings: module-missing-gil-slot (noGilSlot) on the slot array. */
#include <Python.h>

static int
tally_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "START", 0);
}

static PyModuleDef_Slot tally_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, tally_exec},
    {0, NULL}
};

static struct PyModuleDef tally_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tally",
    .m_size = 0,
    .m_slots = NULL,
};

PyMODINIT_FUNC
PyInit_tally(void)
{
    tally_module.m_slots = tally_slots;
    return PyModuleDef_Init(&tally_module);
}
