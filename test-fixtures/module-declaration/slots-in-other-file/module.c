/* The kvstore module: def and PyInit_ here, slot array in slots.c. */
#include "kvstore.h"

static PyObject *
kvstore_get(PyObject *module, PyObject *key)
{
    PyObject *store = PyObject_GetAttrString(module, "_store");
    if (store == NULL) {
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(store, key);
    Py_XINCREF(value);
    Py_DECREF(store);
    if (value == NULL && !PyErr_Occurred()) {
        Py_RETURN_NONE;
    }
    return value;
}

static PyMethodDef kvstore_methods[] = {
    {"get", kvstore_get, METH_O, "Look a key up, None if absent."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef kvstore_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "kvstore",
    .m_methods = kvstore_methods,
    .m_slots = kvstore_slots,
};

PyMODINIT_FUNC
PyInit_kvstore(void)
{
    return PyModuleDef_Init(&kvstore_module);
}
