/* macros-in-header: a small vector-math extension whose shared header carries helper
 * macros. A borrowed-reference macro in the header is reported once, on its #define, however
 * many sources use it; a backport kept for Pythons before 3.13 is silent. The sources add
 * their own macros (one spread over several lines) and direct calls.
 * Findings: borrowed-list-item on VEC_FIRST at its uses; in norm.c
 * borrowed-sequence-fast on FAST_FOR_EACH at its uses and on the direct read;
 * in scale.c borrowed-list-item on the read of the parameter. */
#ifndef VECUTIL_H
#define VECUTIL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
static inline PyObject *
vec_item_ref(PyObject *list, Py_ssize_t i)
{
    return Py_XNewRef(PyList_GetItem(list, i));
}
#else
#  define vec_item_ref PyList_GetItemRef
#endif

#define VEC_FIRST(v) PyList_GET_ITEM((v), 0)
#define VEC_FIRST_REF(v) vec_item_ref((v), 0)

PyObject *vec_norm(PyObject *module, PyObject *vector);
PyObject *vec_scale(PyObject *module, PyObject *args);

#endif
