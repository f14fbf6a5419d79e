/* Regression from review: a comment spanning lines on an #if inside the slot array. */
#include <Python.h>
static int exec_mod(PyObject *m) { return 0; }
static PyModuleDef_Slot slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, exec_mod},
#if PY_VERSION_HEX >= 0x030C0000  /* per-interpreter GIL support,
                                     added in 3.12 */
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL}
};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "mlc2", NULL, 0, NULL, slots };
PyMODINIT_FUNC PyInit_mlc2(void) { return PyModuleDef_Init(&moduledef); }
