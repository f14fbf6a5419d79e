/* removed-api, deprecated-api, soft-deprecated-api: uses as calls, as names
 * and as struct members; guarded code, shims of the project's own, mentions. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
call_it(PyObject *self, PyObject *callable)
{
    return PyEval_CallObject(callable, NULL);  // expect: removed-api
}

static PyObject *
legacy_buffer(PyObject *self, PyObject *obj)
{
    const char *data;
    Py_ssize_t size;
#if PY_VERSION_HEX < 0x030D0000
    if (PyObject_AsCharBuffer(obj, &data, &size) < 0) {   /* never compiled for 3.14 */
        return NULL;
    }
#else
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    data = view.buf;
    size = view.len;
    PyBuffer_Release(&view);
#endif
    return PyLong_FromSsize_t(size + (data != NULL));
}

static PyObject *
flags(PyObject *self, PyObject *unused)
{
    if (Py_VerboseFlag) {  // expect: deprecated-api
        PySys_WriteStderr("verbose\n");
    }
    return PyWeakref_GetObject(self);   /* reported by borrowed-weakref-object, not twice */
}

static int
add_constant(PyObject *m)
{
    /* PyModule_AddObject in a comment is not a use */
    return PyModule_AddObject(m, "answer", PyLong_FromLong(42));  // expect: soft-deprecated-api
}

static int
dict_version(PyDictObject *d)
{
    return (int)d->ma_version_tag;  // expect: removed-api
}

/* A shim of the project's own keeps an old name working. */
#define PyEval_CallObjectWithKeywords(callable, args, kwargs) PyObject_Call((callable), (args), (kwargs))

static PyObject *
call_with(PyObject *callable, PyObject *args)
{
    return PyEval_CallObjectWithKeywords(callable, args, NULL);
}
