/* Nothing reaches this file: it is read for its directives and not parsed. */
static int hits;

int
unrelated_helper(void)
{
    hits++;
    return hits;
}
