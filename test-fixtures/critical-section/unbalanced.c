/* critical-section-unbalanced: BEGIN and END that do not pair in the same
 * function, mismatched kinds, and pairs split by #ifdef Py_GIL_DISABLED. */
#include <Python.h>

static int
balanced(PyObject *a, PyObject *b)
{
    Py_BEGIN_CRITICAL_SECTION2(a, b);
    Py_BEGIN_ALLOW_THREADS  // expect: critical-section-nested
    Py_END_ALLOW_THREADS
    Py_END_CRITICAL_SECTION2();
    return 0;
}

static int
mismatched(PyObject *a, PyObject *b)
{
    Py_BEGIN_CRITICAL_SECTION2(a, b);
    Py_END_CRITICAL_SECTION();  // expect: critical-section-unbalanced
    return 0;
}

static int
split_by_guard(PyObject *o)
{
#ifdef Py_GIL_DISABLED
    Py_BEGIN_CRITICAL_SECTION(o);
#endif
    PyObject_SetAttrString(o, "x", Py_None);
    Py_END_CRITICAL_SECTION();  // expect: critical-section-unbalanced
    return 0;
}

static int
both_guarded(PyObject *o)
{
#ifdef Py_GIL_DISABLED
    Py_BEGIN_CRITICAL_SECTION(o);
#endif
    PyObject_SetAttrString(o, "x", Py_None);
#ifdef Py_GIL_DISABLED
    Py_END_CRITICAL_SECTION();
#endif
    return 0;
}

static int
never_closed(PyObject *o)
{
#if PY_VERSION_HEX >= 0x030D0000
    Py_BEGIN_CRITICAL_SECTION(o);  // expect: critical-section-unbalanced
#endif
    return PyObject_SetAttrString(o, "x", Py_None);
}
