#include <nanobind/nanobind.h>

NB_MODULE(nbvar, m) {
}
