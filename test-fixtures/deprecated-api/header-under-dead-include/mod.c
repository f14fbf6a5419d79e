/* deprecated-api: headers included only where no Python 3 build compiles the
 * #include (a Python 2 branch, a switch the file defines for Python 3 only) are
 * not read; a header that some live line includes, that no scanned file includes,
 * or that sits under a guard the scan cannot decide, is. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#  define IS_PY3K
#  include "text3.h"
#else
#  include "text2.h"
#endif

#ifndef IS_PY3K
#  include "py2only.h"
#  include "py2_impl.c"
#endif

/* PyUnicode_KIND is CPython's own, but the scan does not know which versions define it. */
#ifndef PyUnicode_KIND
#  include "wide_chars.h"
#endif

#include "shared.h"

static PyObject *
width(PyObject *self, PyObject *text)
{
    return PyLong_FromSsize_t(text_width(text));
}
