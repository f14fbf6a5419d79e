/* Names no Python API itself, but uses a project macro that expands to it. */
#include "../pymacros.h"

void *
first_item(void *d, void *k)
{
    return ITEM_OF(d, k);  // expect: borrowed-dict-item
}
