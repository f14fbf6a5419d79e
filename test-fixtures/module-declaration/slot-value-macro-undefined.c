/* The Py_mod_gil value is a macro that no scanned file defines (it comes from a build
 * system or a header outside the scan): the module is unknown, with that reason in the
 * readiness table, and never reported as undeclared.
 * Findings: clean. */
#include <Python.h>
#include "generated_config.h"

static int
trie_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "DEPTH", 8);
}

static PyModuleDef_Slot trie_slots[] = {
    {Py_mod_exec, trie_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, TRIE_GIL_MODE},
#endif
    {0, NULL}
};

static struct PyModuleDef trie_module = {
    PyModuleDef_HEAD_INIT, .m_name = "trie", .m_slots = trie_slots,
};

PyMODINIT_FUNC
PyInit_trie(void)
{
    return PyModuleDef_Init(&trie_module);
}
