static PyObject *
first_of(PyObject *list)
{
    return Py_XNewRef(PyList_GetItem(list, 0));  // expect: borrowed-list-item
}
