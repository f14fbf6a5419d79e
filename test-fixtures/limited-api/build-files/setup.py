# Build files that switch the limited API on for every build, and ones that do not.
import sysconfig

from setuptools import Extension, setup

FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))

setup(
    ext_modules=[
        Extension("pkg._fast", ["src/fast.c"], py_limited_api=True),  # expect: limited-api-build
        Extension("pkg._ok", ["src/ok.c"], py_limited_api=not FREE_THREADED),
        # Extension("pkg._old", ["src/old.c"], py_limited_api=True),
    ],
)
