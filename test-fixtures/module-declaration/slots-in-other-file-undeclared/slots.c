/* Slot array of the _tokenize module: no Py_mod_gil entry. */
#include "tokenize.h"

static int
tokenize_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "WHITESPACE", " \t\r\n");
}

PyModuleDef_Slot tokenize_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, tokenize_exec},
    {0, NULL}
};
