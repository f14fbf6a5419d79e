/* Project macros around list reads. A macro whose body calls PyList_GET_ITEM or
 * PyList_GetItem is reported once, on its #define line (a multi-line macro on its first
 * line), not at each use. A macro over PyList_GetItemRef, and a compatibility definition of
 * PyList_GetItemRef kept for Pythons before 3.13, are silent.
 * Findings: borrowed-list-item (inMacro) on LIST_HEAD and FOR_EACH_ITEM. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
/* Backport for old Pythons; never compiled by free-threaded 3.14. */
static inline PyObject *
PyList_GetItemRef(PyObject *list, Py_ssize_t i)
{
    return Py_XNewRef(PyList_GetItem(list, i));
}
#define LIST_AT(l, i) Py_XNewRef(PyList_GET_ITEM((l), (i)))
#else
#define LIST_AT(l, i) PyList_GetItemRef((l), (i))
#endif

#define LIST_HEAD(l) PyList_GET_ITEM((l), 0)  // expect: borrowed-list-item
#define FOR_EACH_ITEM(l, i, item) \
    for ((i) = 0; (i) < PyList_GET_SIZE(l) && ((item) = PyList_GetItem((l), (i))) != NULL; (i)++)
// expect^^: borrowed-list-item

static PyObject *
head_or_none(PyObject *module, PyObject *list)
{
    if (!PyList_Check(list) || PyList_GET_SIZE(list) == 0) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(LIST_HEAD(list));
}

static PyObject *
count_true(PyObject *module, PyObject *list)
{
    Py_ssize_t i, n = 0;
    PyObject *item;
    FOR_EACH_ITEM(list, i, item) {
        int t = PyObject_IsTrue(item);
        if (t < 0) {
            return NULL;
        }
        n += t;
    }
    return PyLong_FromSsize_t(n);
}

static PyObject *
item_at(PyObject *module, PyObject *args)
{
    PyObject *list;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &list, &i)) {
        return NULL;
    }
    return LIST_AT(list, i);
}

static PyMethodDef listmacro_methods[] = {
    {"head_or_none", head_or_none, METH_O, NULL},
    {"count_true", count_true, METH_O, NULL},
    {"item_at", item_at, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef listmacro_module = {
    PyModuleDef_HEAD_INIT, "listmacro", NULL, 0, listmacro_methods,
};

PyMODINIT_FUNC
PyInit_listmacro(void)
{
    return PyModuleDef_Init(&listmacro_module);
}
