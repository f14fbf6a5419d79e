#include <Python.h>
#if PY_MAJOR_VERSION < 3
#include "shared.h"
#include "orphan_twin.h"
#include "common.h"
#endif
#if PY_MAJOR_VERSION >= 3
#include "orphan_twin.h"
#endif
