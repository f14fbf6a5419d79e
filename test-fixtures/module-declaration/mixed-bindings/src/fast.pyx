# A module without the directive: the GIL comes back on import.  # expect: cython-missing-freethreading-directive

def add(int a, int b):
    return a + b
