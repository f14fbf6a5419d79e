/* critical-section-nested: a section on another object inside a section, and
 * Py_BEGIN_ALLOW_THREADS inside a section; CRITICAL_SECTION2 is the fix. */
#include <Python.h>

static int
merge(PyObject *src, PyObject *dst)
{
    int rc;
    Py_BEGIN_CRITICAL_SECTION(src);
    Py_BEGIN_CRITICAL_SECTION(dst);  // expect: critical-section-nested
    rc = PyDict_Merge(dst, src, 1);
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    return rc;
}

static int
merge_both(PyObject *src, PyObject *dst)
{
    int rc;
    Py_BEGIN_CRITICAL_SECTION2(src, dst);
    rc = PyDict_Merge(dst, src, 1);
    Py_END_CRITICAL_SECTION2();
    return rc;
}

static int
same_object_twice(PyObject *o)
{
    Py_BEGIN_CRITICAL_SECTION(o);
    Py_BEGIN_CRITICAL_SECTION(o);   /* re-entering the same object holds it */
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION();
    return 0;
}

static Py_ssize_t
slow_length(PyObject *list)
{
    Py_ssize_t n;
    Py_BEGIN_CRITICAL_SECTION(list);
    n = PyList_GET_SIZE(list);
    Py_BEGIN_ALLOW_THREADS  // expect: critical-section-nested
    n = n * 2;
    Py_END_ALLOW_THREADS
    Py_END_CRITICAL_SECTION();
    return n;
}
