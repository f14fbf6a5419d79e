/* Regression from review: review-hdr (same-named defs across files / helpers creating the module / PyInit in a header). */
#include <Python.h>
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "pkg._hdr", NULL, -1, methods };
#include "modinit.h"
