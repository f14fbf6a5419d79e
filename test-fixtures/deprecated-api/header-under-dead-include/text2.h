#include "text2_helpers.h"

static Py_ssize_t
text_width(PyObject *text)
{
    Py_UNICODE *units = PyUnicode_AS_UNICODE(text);
    return units == NULL ? -1 : PyUnicode_GET_SIZE(text);
}
