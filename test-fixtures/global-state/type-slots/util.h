#ifndef COUNTER_UTIL_H
#define COUNTER_UTIL_H
void bump_total(void);
long read_total(void);
#endif
