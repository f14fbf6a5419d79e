/* Hands the module's dict on without its lock: the dict is not guarded by the
 * mutex after all, so the borrowed reference in lookup() is reported. */
#include "../state.h"

void
export_unlocked(void)
{
    export_all(shared_names);
}
