/* Read only through text2.h, itself read only by Python 2 builds. */
static Py_UNICODE *
first_unit(PyObject *text)
{
    return PyUnicode_AS_UNICODE(text);
}
