# cython: language_level=3  # expect: cython-missing-freethreading-directive

def add(int a, int b):
    return a + b
