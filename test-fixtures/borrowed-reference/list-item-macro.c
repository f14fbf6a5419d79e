/* Project macros around list reads. A macro whose body calls PyList_GET_ITEM or
 * PyList_GetItem is reported at each place it is used, with the list given there (a
 * multi-line macro too); the definition alone is not. A macro over PyList_GetItemRef, and a compatibility definition of
 * PyList_GetItemRef kept for Pythons before 3.13, are silent.
 * Findings: borrowed-list-item at the macro's uses on LIST_HEAD and FOR_EACH_ITEM. */
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

#define LIST_HEAD(l) PyList_GET_ITEM((l), 0)
#define FOR_EACH_ITEM(l, i, item) \
    for ((i) = 0; (i) < PyList_GET_SIZE(l) && ((item) = PyList_GetItem((l), (i))) != NULL; (i)++)


static PyObject *
head_or_none(PyObject *module, PyObject *list)
{
    if (!PyList_Check(list) || PyList_GET_SIZE(list) == 0) {
        Py_RETURN_NONE;
    }
    return Py_NewRef(LIST_HEAD(list));  // expect: borrowed-list-item
}

static PyObject *
count_true(PyObject *module, PyObject *list)
{
    Py_ssize_t i, n = 0;
    PyObject *item;
    FOR_EACH_ITEM(list, i, item) {  // expect: borrowed-list-item
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
