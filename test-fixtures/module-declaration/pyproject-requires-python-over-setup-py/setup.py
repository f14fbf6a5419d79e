from setuptools import Extension, setup

setup(python_requires=">=3.13", ext_modules=[Extension("murmur", ["murmur.c"])])
