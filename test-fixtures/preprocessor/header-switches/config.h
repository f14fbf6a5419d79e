/* The switches the module's code tests, set here for every build. */
#ifndef CONFIG_H
#define CONFIG_H
#include <Python.h>

#undef TRACE_LOG  /* define to log the bookkeeping */

#if PY_VERSION_HEX >= 0x030d0000
#  define HAVE_PYMUTEX 1
#else
#  define HAVE_PYMUTEX 0
#endif

#define KEEP_STATS 1
#define TRACK_CALLS 0

#if PY_VERSION_HEX < 0x030d0000
#  include "legacy.h"
#endif

#endif
