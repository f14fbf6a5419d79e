#include "util.h"

static long total;
static long peak;

void
bump_total(void)
{
    total += 1;  // expect: static-state-write
}

long
read_total(void)
{
    return total;
}

void
reset_peak(void)
{
    peak = 0;     /* never called from Python */
}
