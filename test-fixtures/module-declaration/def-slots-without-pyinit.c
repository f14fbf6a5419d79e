/* A PyModuleDef that points at a slot array (so it can only be multi-phase) whose PyInit_
 * is not in the project. The array has no Py_mod_gil entry.
 * Findings: module-missing-gil-slot on the slot array's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
embedded_hello(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString("hello from the host");
}

static PyMethodDef embedded_methods[] = {
    {"hello", embedded_hello, METH_NOARGS, "Say hello."},
    {NULL, NULL, 0, NULL}
};

static int
embedded_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "EMBEDDED", 1);
}

static PyModuleDef_Slot embedded_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, embedded_exec},
    {0, NULL}
};

/* Registered by the host application through PyImport_AppendInittab elsewhere. */
struct PyModuleDef embedded_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "embedded",
    .m_methods = embedded_methods,
    .m_slots = embedded_slots,
};
