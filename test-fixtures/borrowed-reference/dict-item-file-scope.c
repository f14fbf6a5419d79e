/* A registry dict kept in a file-scope variable: every thread can reach it, so borrowed
 * lookups are reported unless they sit in a critical section on the registry itself.
 * Findings: borrowed-dict-item on the two unlocked lookups. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *codec_registry = NULL;   /* name -> codec object */

static PyObject *
codec_find(PyObject *module, PyObject *name)
{
    PyObject *codec = PyDict_GetItemWithError(codec_registry, name);  // expect: borrowed-dict-item
    if (codec == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_LookupError, "unknown codec: %R", name);
        }
        return NULL;
    }
    return Py_NewRef(codec);
}

static int
codec_is_registered(const char *name)
{
    return PyDict_GetItemString(codec_registry, name) != NULL;  // expect: borrowed-dict-item
}

static PyObject *
codec_find_locked(PyObject *module, PyObject *name)
{
    PyObject *codec;
    Py_BEGIN_CRITICAL_SECTION(codec_registry);
    codec = PyDict_GetItemWithError(codec_registry, name);
    Py_XINCREF(codec);
    Py_END_CRITICAL_SECTION();
    if (codec == NULL && !PyErr_Occurred()) {
        PyErr_Format(PyExc_LookupError, "unknown codec: %R", name);
    }
    return codec;
}

static PyObject *
codec_find_fixed(PyObject *module, PyObject *name)
{
    PyObject *codec;
    if (PyDict_GetItemRef(codec_registry, name, &codec) == 0) {
        PyErr_Format(PyExc_LookupError, "unknown codec: %R", name);
    }
    return codec;
}

static PyObject *
codec_register(PyObject *module, PyObject *args)
{
    PyObject *name, *codec;
    if (!PyArg_ParseTuple(args, "UO:register", &name, &codec)) {
        return NULL;
    }
    if (PyDict_SetItem(codec_registry, name, codec) < 0) {
        return NULL;
    }
    return PyBool_FromLong(codec_is_registered(PyUnicode_AsUTF8(name)));
}

static PyMethodDef codecs_methods[] = {
    {"find", codec_find, METH_O, NULL},
    {"find_locked", codec_find_locked, METH_O, NULL},
    {"find_fixed", codec_find_fixed, METH_O, NULL},
    {"register", codec_register, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef codecs_module = {
    PyModuleDef_HEAD_INIT, "mycodecs", NULL, -1, codecs_methods,
};

PyMODINIT_FUNC
PyInit_mycodecs(void)
{
    codec_registry = PyDict_New();
    if (codec_registry == NULL) {
        return NULL;
    }
    return PyModule_Create(&codecs_module);
}
