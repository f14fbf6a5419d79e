/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry; the unit's
 * pyproject.toml sets [tool.cext-audit] min-python = "3.13".
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
bloom_hash(PyObject *module, PyObject *arg)
{
    Py_hash_t h = PyObject_Hash(arg);
    if (h == -1) {
        return NULL;
    }
    return PyLong_FromSsize_t((Py_ssize_t)(h & 0xFFFF));
}

static PyMethodDef bloom_methods[] = {
    {"hash16", bloom_hash, METH_O, "16-bit hash of an object."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot bloom_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL}
};

static PyModuleDef bloom_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_bloom",
    .m_methods = bloom_methods,
    .m_slots = bloom_slots,
};

PyMODINIT_FUNC
PyInit__bloom(void)
{
    return PyModuleDef_Init(&bloom_module);
}
