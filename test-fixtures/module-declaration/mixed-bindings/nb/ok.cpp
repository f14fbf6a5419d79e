#include <nanobind/nanobind.h>

NB_MODULE(nbok, m) {
}
