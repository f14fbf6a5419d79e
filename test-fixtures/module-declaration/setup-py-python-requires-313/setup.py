# setup-py-python-requires-313: no pyproject.toml; the minimum is the literal python_requires.
from setuptools import Extension, setup

setup(
    name="crc-fast",
    version="1.2.0",
    python_requires=">=3.13",
    ext_modules=[Extension("crc", ["crc.c"])],
)
