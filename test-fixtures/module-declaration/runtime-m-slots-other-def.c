/* PyInit sets m_slots at run time on another def (a submodule's), not on the one it
 * initialises, so its own PyModuleDef still has no slots.
 * Findings: module-missing-gil-slot (noSlots) on the module's PyModuleDef. */
#include <Python.h>

static PyModuleDef_Slot helper_slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef helper_module = {PyModuleDef_HEAD_INIT, "dial._helper", NULL, 0};

static struct PyModuleDef dial_module = {PyModuleDef_HEAD_INIT, "dial", NULL, 0};  // expect: module-missing-gil-slot

PyMODINIT_FUNC
PyInit_dial(void)
{
    helper_module.m_slots = helper_slots;
    return PyModuleDef_Init(&dial_module);
}
