// fixture: min-python=3.13
/* Parser-hostile macros around an undeclared single-phase module (3.13+ only, so the
 * critical-section macros need no fallback): PyObject_HEAD, PyVarObject_HEAD_INIT(NULL, 0),
 * Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS, Py_BEGIN_CRITICAL_SECTION(o) /
 * Py_END_CRITICAL_SECTION(), all before the init function.
 * Findings: module-missing-set-gil on the PyInit_ line (PyMODINIT_FUNC is on the line above). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    char buf[64];
    Py_ssize_t len;
} ScratchObject;

static PyObject *
Scratch_append(ScratchObject *self, PyObject *arg)
{
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (s == NULL) {
        return NULL;
    }
    int overflow = 0;
    Py_BEGIN_CRITICAL_SECTION(self);
    if (self->len + n > (Py_ssize_t)sizeof(self->buf)) {
        overflow = 1;
    }
    else {
        memcpy(self->buf + self->len, s, (size_t)n);
        self->len += n;
    }
    Py_END_CRITICAL_SECTION();
    if (overflow) {
        PyErr_SetString(PyExc_OverflowError, "scratch buffer full");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
Scratch_checksum(ScratchObject *self, PyObject *Py_UNUSED(ignored))
{
    char copy[64];
    Py_ssize_t len;
    unsigned long sum = 0;
    Py_BEGIN_CRITICAL_SECTION(self);
    len = self->len;
    memcpy(copy, self->buf, (size_t)len);
    Py_END_CRITICAL_SECTION();
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < len; i++) {
        sum = sum * 31 + (unsigned char)copy[i];
    }
    Py_END_ALLOW_THREADS
    return PyLong_FromUnsignedLong(sum);
}

static PyMethodDef Scratch_methods[] = {
    {"append", (PyCFunction)Scratch_append, METH_O, "Append text."},
    {"checksum", (PyCFunction)Scratch_checksum, METH_NOARGS, "Checksum of the contents."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject ScratchType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "scratch.Scratch",
    .tp_basicsize = sizeof(ScratchObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = Scratch_methods,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef scratch_module = {
    PyModuleDef_HEAD_INIT, "scratch", NULL, -1, NULL, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_scratch(void)  // expect: module-missing-set-gil
{
    PyObject *m;
    if (PyType_Ready(&ScratchType) < 0) {
        return NULL;
    }
    m = PyModule_Create(&scratch_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "Scratch", (PyObject *)&ScratchType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
