from setuptools import Extension, setup

MINIMUM = ">=" + open("MINIMUM").read().strip()

setup(
    name="fletcher",
    # python_requires=">=3.13",  once the 3.12 wheels are gone
    python_requires=MINIMUM,
    ext_modules=[Extension("fletcher", ["fletcher.c"])],
)
