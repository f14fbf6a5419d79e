/* Read only by the builds older than 3.13: config.h includes it under a version check. */
#undef TRACK_CALLS
#define TRACK_CALLS 1
