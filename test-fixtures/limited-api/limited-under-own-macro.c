/* limited-api-free-threaded: a guard on a macro of the project's own that can
 * leave the define out (the build sets it for free-threaded builds) is trusted;
 * a guard on CPython's or the compiler's macros, or one the project's macro
 * cannot turn off, is not. */
#include <pyconfig.h>

#if !defined(APP_NO_LIMITED_API) && !defined(Py_DEBUG)
#  define Py_LIMITED_API 0x03080000
#endif

#if !APP_FULL_API
#  define Py_LIMITED_API 0x03080000
#endif

#ifndef Py_DEBUG
#  define Py_LIMITED_API 0x03080000  // expect: limited-api-free-threaded
#endif

#ifdef _MSC_VER
#  define Py_LIMITED_API 0x03080000  // expect: limited-api-free-threaded
#endif

/* APP_ABI3 can only add builds here, never remove the release ones. */
#if defined(APP_ABI3) || !defined(Py_DEBUG)
#  define Py_LIMITED_API 0x03080000  // expect: limited-api-free-threaded
#endif

#include <Python.h>

static int answer(void) { return 42; }
