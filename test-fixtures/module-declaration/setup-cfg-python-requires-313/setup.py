from setuptools import Extension, setup

setup(ext_modules=[Extension("lzw", ["lzw.c"])])
