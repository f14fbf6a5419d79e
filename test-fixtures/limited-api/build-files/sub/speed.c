/* The C side of the build-files unit: nothing to report here. */
#include <Python.h>

static int answer(void) { return 42; }
