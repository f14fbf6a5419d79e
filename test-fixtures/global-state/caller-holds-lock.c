/* static-state-write: helpers that write statics while their caller holds a
 * PyMutex (directly, through a lock macro, on an early-exit path) or a critical
 * section are not reported; a helper that some caller reaches with no lock held is. */
#include <Python.h>
#include <pthread.h>

static PyMutex pool_lock;
static pthread_mutex_t slab_lock = PTHREAD_MUTEX_INITIALIZER;
static int pool_size, pool_count, slabs, grown_twice, refills, stamps, leaks, gil_only;

#define POOL_LOCK() PyMutex_Lock(&pool_lock)
#define POOL_UNLOCK() PyMutex_Unlock(&pool_lock)

/* A lock only the regular build takes: the free-threaded build runs the write bare. */
#ifndef Py_GIL_DISABLED
#  define LEGACY_LOCK() PyMutex_Lock(&pool_lock)
#  define LEGACY_UNLOCK() PyMutex_Unlock(&pool_lock)
#else
#  define LEGACY_LOCK() ((void)0)
#  define LEGACY_UNLOCK() ((void)0)
#endif

/* Only ever called with pool_lock held. */
static void
grow_pool(void)
{
    pool_size *= 2;
    pool_count++;
}

/* Called with the lock held, and it calls on: the callee runs under the same lock. */
static void
grow_twice(void)
{
    grown_twice++;
    grow_pool();
}

static void
add_slab(void)
{
    slabs++;
}

/* One caller holds the lock, another does not. */
static void
refill(void)
{
    refills++;  // expect: static-state-write
}

/* Called after the unlock. */
static void
stamp(void)
{
    stamps++;  // expect: static-state-write
}

static PyObject *
take(PyObject *self, PyObject *unused)
{
    PyMutex_Lock(&pool_lock);
    if (pool_count == 0) {
        grow_pool();
    }
    pool_count--;
    PyMutex_Unlock(&pool_lock);
    Py_RETURN_NONE;
}

static PyObject *
take_many(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    POOL_LOCK();
    if (n < 0) {
        POOL_UNLOCK();   /* early exit: the code below still runs locked */
        return NULL;
    }
    grow_twice();
    refill();
    pool_count -= (int)n;
    POOL_UNLOCK();
    stamp();
    Py_RETURN_NONE;
}

static PyObject *
take_slab(PyObject *self, PyObject *unused)
{
    pthread_mutex_lock(&slab_lock);
    add_slab();
    pthread_mutex_unlock(&slab_lock);
    Py_BEGIN_CRITICAL_SECTION(self);
    grow_pool();
    Py_END_CRITICAL_SECTION();
    refill();
    Py_RETURN_NONE;
}

/* Locked, unlocked, then locked again: the write in between holds nothing. */
static PyObject *
relock(PyObject *self, PyObject *unused)
{
    PyMutex_Lock(&pool_lock);
    pool_count++;
    PyMutex_Unlock(&pool_lock);
    leaks++;  // expect: static-state-write
    PyMutex_Lock(&pool_lock);
    pool_count--;
    PyMutex_Unlock(&pool_lock);
    Py_RETURN_NONE;
}

static PyObject *
legacy(PyObject *self, PyObject *unused)
{
    LEGACY_LOCK();
    gil_only++;  // expect: static-state-write
    LEGACY_UNLOCK();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"take", take, METH_NOARGS, NULL},
    {"take_many", take_many, METH_O, NULL},
    {"take_slab", take_slab, METH_NOARGS, NULL},
    {"relock", relock, METH_NOARGS, NULL},
    {"legacy", legacy, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
