/* Reached from compress(): parsed in the second round. */
#include "codec.h"

int run_step(int level);

int
vendor_compress(long level) /* a comment before the body */
{
    return run_step((int)level);
}

/* A K&R definition. */
int
old_style(a, b)
    int a;
    int b;
{
    static int calls;
    calls++;  // expect: static-state-write
    return a + b;
}
