import os  # expect: cython-missing-freethreading-directive
# cython: freethreading_compatible=True
# A directive after the first line of code is ignored by Cython.
