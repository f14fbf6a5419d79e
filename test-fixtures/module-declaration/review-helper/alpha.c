/* Regression from review: review-helper (same-named defs across files / helpers creating the module / PyInit in a header). */
#include "common.h"
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef alpha_def = { PyModuleDef_HEAD_INIT, "pkg.alpha", NULL, -1, methods };
PyMODINIT_FUNC PyInit_alpha(void) { return make_module(&alpha_def); }
