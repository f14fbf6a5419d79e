/* Reached through the TICK() macro the module uses. */
#include "tick.h"

static unsigned long ticks;

void
tick_counter(void)
{
    ticks++;  // expect: static-state-write
}
