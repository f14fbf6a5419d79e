#include <Python.h>

/* `#if defined(...)` right after the opening brace: the array must still be found. */
static PyModuleDef_Slot first_slots[] = {
#if defined(Py_mod_gil)
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static PyModuleDef first_def = {PyModuleDef_HEAD_INIT, "demo.first", NULL, 0, NULL, first_slots, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_first(void) { return PyModuleDef_Init(&first_def); }

static PyModuleDef_Slot second_slots[] = {  // expect: module-missing-gil-slot
#if defined(Py_mod_exec)
    {Py_mod_exec, NULL},
#endif
    {0, NULL}
};  /* no Py_mod_gil entry at all */

static PyModuleDef second_def = {PyModuleDef_HEAD_INIT, "demo.second", NULL, 0, NULL, second_slots, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_second(void) { return PyModuleDef_Init(&second_def); }
