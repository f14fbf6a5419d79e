# cython: language_level=3, freethreading_compatible=True

def add(int a, int b):
    return a + b
