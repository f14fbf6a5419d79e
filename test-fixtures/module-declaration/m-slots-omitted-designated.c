/* Multi-phase init of a designated PyModuleDef that has no .m_slots field at all
 * (only .m_name, .m_doc, .m_size, .m_methods).
 * Findings: module-missing-gil-slot on the line naming the PyModuleDef variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
hello_greet(PyObject *module, PyObject *arg)
{
    return PyUnicode_FromFormat("hello, %U", arg);
}

static PyMethodDef hello_methods[] = {
    {"greet", hello_greet, METH_O, "Greet someone by name."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef hello_module = {  // expect: module-missing-gil-slot
    PyModuleDef_HEAD_INIT,
    .m_name = "hello",
    .m_doc = "Greetings.",
    .m_size = 0,
    .m_methods = hello_methods,
};

PyMODINIT_FUNC
PyInit_hello(void)
{
    return PyModuleDef_Init(&hello_module);
}
