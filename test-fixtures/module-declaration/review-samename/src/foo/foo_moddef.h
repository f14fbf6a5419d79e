static int foo_exec(PyObject *m) { return 0; }
static PyModuleDef_Slot foo_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, foo_exec},
    {0, NULL}
};
static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "pkg.foo", NULL, 0, NULL, foo_slots, NULL, NULL, NULL
};
