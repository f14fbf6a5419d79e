/* thread-state-compiled-out: detaching and attaching left out of the
 * free-threaded build; the unconditional and the free-threaded-only forms are fine. */
#include <Python.h>
#include <unistd.h>

static PyObject *
nap(PyObject *self, PyObject *unused)
{
#ifndef Py_GIL_DISABLED
    Py_BEGIN_ALLOW_THREADS  // expect: thread-state-compiled-out
#endif
    sleep(1);
#ifndef Py_GIL_DISABLED
    Py_END_ALLOW_THREADS
#endif
    Py_RETURN_NONE;
}

static void
callback_from_c_thread(void *arg)
{
#if !defined(Py_GIL_DISABLED)
    PyGILState_STATE state = PyGILState_Ensure();  // expect: thread-state-compiled-out
#endif
    PyObject_CallNoArgs((PyObject *)arg);
#if !defined(Py_GIL_DISABLED)
    PyGILState_Release(state);
#endif
}

static PyObject *
nap_right(PyObject *self, PyObject *unused)
{
    PyThreadState *save = PyEval_SaveThread();
    sleep(1);
    PyEval_RestoreThread(save);
#ifdef Py_GIL_DISABLED
    Py_BEGIN_ALLOW_THREADS   /* free-threaded only: odd, but it detaches there */
    Py_END_ALLOW_THREADS
#endif
    Py_RETURN_NONE;
}
