// C++: nullptr in the m_slots position is no slot array, so the module is single-phase.
#include <Python.h>

static PyMethodDef methods[] = {{nullptr, nullptr, 0, nullptr}};

static PyModuleDef def = {
    PyModuleDef_HEAD_INIT, "demo.cpp", nullptr, -1, methods,
    /* m_slots */ nullptr, nullptr, nullptr, nullptr};

PyMODINIT_FUNC PyInit_cpp(void) { return PyModule_Create(&def); }  // expect: module-missing-set-gil
