/* Regression from review: an export macro from an unscanned header before PyMODINIT_FUNC. */
#include <Python.h>
#include "visibility.h"   /* defines CYTHON_UNUSED, EXPORT_FUNC... outside the scan */
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "unkexp2", NULL, -1, methods };

EXPORT_FUNC PyMODINIT_FUNC
PyInit_unkexp2(void)  // expect: module-missing-set-gil
{
    return PyModule_Create(&moduledef);
}
