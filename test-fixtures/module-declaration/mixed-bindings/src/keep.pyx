# expect-next-line: module-gil-used
# cython: freethreading_compatible=False

cdef int counter = 0
