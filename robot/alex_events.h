/*
 * alex_events.h: the robot's black box. One JSON object per line for
 * everything that happens to the robot and the link:
 *
 *   {"t_ms":12345,"event":"connected","peer":"CN=laptop"}
 *   {"t_ms":12391,"event":"command","key":"f","p1":50,"p2":75}
 *   {"t_ms":12392,"event":"motors","state":"forward"}
 *   {"t_ms":13012,"event":"link_lost","reason":"idle for 500 ms"}
 *   {"t_ms":13013,"event":"stopped","reason":"link lost"}
 *
 * t_ms is CLOCK_MONOTONIC in milliseconds, so lab teams and tests can
 * measure exactly how long after the link went silent the motors stopped.
 * Safe to call from several threads; each line is written and flushed whole.
 */
#ifndef SEETLS_ALEX_EVENTS_H
#define SEETLS_ALEX_EVENTS_H

#include <stdio.h>

/* Where events go (NULL: nowhere). The log does not own the FILE. */
void alex_events_open(FILE *out);

/* CLOCK_MONOTONIC in milliseconds. */
long long alex_now_ms(void);

/* Log one event with its details, written as
 *   alex_event("command", EV_STR("key", "f"), EV_NUM("p1", 50), EV_END);
 * Strings are escaped as JSON requires. */
void alex_event(const char *event, ...);

#define EV_STR(key, value) 's', (const char *)(key), (const char *)(value)
#define EV_NUM(key, value) 'n', (const char *)(key), (long long)(value)
#define EV_END 0

#endif
