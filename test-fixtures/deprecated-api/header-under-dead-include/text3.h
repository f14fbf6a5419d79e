static Py_ssize_t
text_width(PyObject *text)
{
    Py_UNICODE *units = NULL;  // expect: deprecated-api
    (void)units;
    return PyUnicode_GetLength(text);
}
