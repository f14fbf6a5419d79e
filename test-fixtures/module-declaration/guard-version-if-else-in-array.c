/* Multi-phase module: a `#if PY_VERSION_HEX >= 0x030D0000 ... #else ... #endif` block inside
 * the slot array; the 3.13+ branch declares Py_mod_gil, the #else branch holds the entry
 * older Pythons understand.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
ringbuf_capacity(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(64);
}

static PyMethodDef ringbuf_methods[] = {
    {"capacity", ringbuf_capacity, METH_NOARGS, "Default ring capacity."},
    {NULL, NULL, 0, NULL}
};

static int
ringbuf_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "DEFAULT_CAPACITY", 64);
}

static PyModuleDef_Slot ringbuf_slots[] = {
    {Py_mod_exec, ringbuf_exec},
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#elif PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED},
#else
    /* nothing more to declare before 3.12 */
#endif
    {0, NULL}
};

static struct PyModuleDef ringbuf_module = {
    PyModuleDef_HEAD_INIT,
    "ringbuf",
    "Fixed-size ring buffers.",
    0,
    ringbuf_methods,
    ringbuf_slots,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_ringbuf(void)
{
    return PyModuleDef_Init(&ringbuf_module);
}
