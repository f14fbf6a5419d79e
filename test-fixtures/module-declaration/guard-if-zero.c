/* Multi-phase module whose Py_mod_gil entry was disabled with `#if 0`: compiled nowhere, so
 * it declares nothing (and, never compiled, it is not "unguarded" either).
 * Findings: module-missing-gil-slot on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
crc8_digest(PyObject *module, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)view.buf;
    unsigned int crc = 0;
    for (Py_ssize_t i = 0; i < view.len; i++) {
        crc ^= p[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc & 0x80) ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
    }
    PyBuffer_Release(&view);
    return PyLong_FromUnsignedLong(crc);
}

static PyMethodDef crc8_methods[] = {
    {"digest", crc8_digest, METH_O, "CRC-8 of a bytes-like object."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot crc8_slots[] = {
#if 0
    /* TODO: enable once the table cache is thread-safe */
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: module-missing-gil-slot
#endif
    {0, NULL}
};

static struct PyModuleDef crc8_module = {
    PyModuleDef_HEAD_INIT, "crc8", NULL, 0, crc8_methods, crc8_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_crc8(void)
{
    return PyModuleDef_Init(&crc8_module);
}
