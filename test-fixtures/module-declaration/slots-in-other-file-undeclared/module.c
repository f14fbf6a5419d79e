/* The _tokenize module: def and PyInit_ here, slot array in slots.c. */
#include "tokenize.h"

static PyObject *
tokenize_split(PyObject *module, PyObject *arg)
{
    return PyUnicode_Split(arg, NULL, -1);
}

static PyMethodDef tokenize_methods[] = {
    {"split", tokenize_split, METH_O, "Split on whitespace."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef tokenize_module = {
    PyModuleDef_HEAD_INIT, "_tokenize", NULL, 0, tokenize_methods, tokenize_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__tokenize(void)
{
    return PyModuleDef_Init(&tokenize_module);
}
