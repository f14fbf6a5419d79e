/* Reached through codec.c: parsed in the third round. */
static int last_level;

int __attribute__((noinline))
run_step(int level)
{
    last_level = level;  // expect: static-state-write
    return level * 2;
}
