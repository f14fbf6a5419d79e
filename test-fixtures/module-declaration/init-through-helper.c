/* Multi-phase module whose PyInit_ function does not call PyModuleDef_Init itself: it
 * returns the result of a static helper that does. The def has no m_slots.
 * Findings: module-missing-gil-slot on the line naming the PyModuleDef variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
stack_depth(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(0);
}

static PyMethodDef stack_methods[] = {
    {"depth", stack_depth, METH_NOARGS, "Current depth."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef stack_module = {  // expect: module-missing-gil-slot
    PyModuleDef_HEAD_INIT,
    .m_name = "stack",
    .m_size = 0,
    .m_methods = stack_methods,
};

static PyObject *
stack_module_init(void)
{
    return PyModuleDef_Init(&stack_module);
}

PyMODINIT_FUNC
PyInit_stack(void)
{
    return stack_module_init();
}
