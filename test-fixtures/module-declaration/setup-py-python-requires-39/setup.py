from setuptools import Extension, setup

setup(
    name="adler",
    python_requires='>=3.9, <4',
    ext_modules=[Extension("adler", ["adler.c"])],
)
