/* pythread-lock: the old heap lock; PyMutex beside it. */
#include <Python.h>

static PyThread_type_lock legacy_lock;
static PyMutex new_lock;

static int
setup(PyObject *m)
{
#if PY_VERSION_HEX < 0x030D0000
    legacy_lock = PyThread_allocate_lock();   /* only before 3.13 */
#endif
    PyThread_type_lock other = PyThread_allocate_lock();  // expect: pythread-lock
    PyMutex_Lock(&new_lock);
    PyMutex_Unlock(&new_lock);
    if (other != NULL) {
        PyThread_free_lock(other);
    }
    return legacy_lock == NULL ? -1 : 0;
}
