/* Multi-phase module: the Py_mod_gil entry sits in the `#else` branch of
 * `#if PY_VERSION_HEX < 0x030D0000`, i.e. it is compiled on 3.13+ only.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
rot13_encode(PyObject *module, PyObject *arg)
{
    return PyCodec_Encode(arg, "rot13", NULL);
}

static PyMethodDef rot13_methods[] = {
    {"encode", rot13_encode, METH_O, "Apply the rotation."},
    {NULL, NULL, 0, NULL}
};

static int
rot13_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "SHIFT", 13);
}

static PyModuleDef_Slot rot13_slots[] = {
    {Py_mod_exec, rot13_exec},
#if PY_VERSION_HEX < 0x030D0000
    /* Py_mod_gil does not exist before 3.13 */
#else
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef rot13_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "rot13",
    .m_methods = rot13_methods,
    .m_slots = rot13_slots,
};

PyMODINIT_FUNC
PyInit_rot13(void)
{
    return PyModuleDef_Init(&rot13_module);
}
