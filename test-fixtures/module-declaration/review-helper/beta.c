#include "common.h"
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef beta_def = { PyModuleDef_HEAD_INIT, "pkg.beta", NULL, -1, methods };
PyMODINIT_FUNC PyInit_beta(void) { return make_module_extern(&beta_def); }  // expect: module-missing-set-gil
