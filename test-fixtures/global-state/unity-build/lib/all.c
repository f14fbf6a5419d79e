#include "lexer.c"
