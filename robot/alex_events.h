/*
 * alex_events.h: the robot's black box, and what the server's terminal
 * says. One JSON object per line for everything that happens to the robot
 * and the link:
 *
 *   {"t_ms":12345,"event":"connected","peer":"CN=laptop","address":"...","link":"tls"}
 *   {"t_ms":12391,"event":"command","key":"f","p1":50,"p2":75}
 *   {"t_ms":12392,"event":"motors","state":"forward","why":"command"}
 *   {"t_ms":13012,"event":"link_lost","reason":"no command or heartbeat for 500 ms"}
 *   {"t_ms":13013,"event":"stopped","reason":"fail-safe: controller disconnected"}
 *
 * t_ms is CLOCK_MONOTONIC in milliseconds, so lab teams and tests can
 * measure exactly how long after the link went silent the motors stopped.
 *
 * The same events, those a person watching the robot needs (who connected,
 * who was refused and why, each fail-safe stop, the Arduino lost and
 * found), are also said in words on the console, one line each, with the
 * wall-clock time:
 *
 *   12:03:04 controller CN=laptop-team3 (192.168.1.20:51234) connected
 *
 * Commands and motor changes, many a second when driving, have no line.
 * Safe to call from several threads; each line is written and flushed whole.
 */
#ifndef SEETLS_ALEX_EVENTS_H
#define SEETLS_ALEX_EVENTS_H

#include <stdio.h>

/* Where events go (NULL: nowhere). The log does not own the FILE. */
void alex_events_open(FILE *out);

/* Where the lines for a person go (NULL: nowhere). With quiet, only
 * warnings (a controller on a plaintext link) are printed. Text from the
 * network (a certificate's name, say) is printed with its control
 * characters escaped, so a peer cannot drive the terminal. */
void alex_events_console(FILE *out, int quiet);

/* CLOCK_MONOTONIC in milliseconds. */
long long alex_now_ms(void);

/* Log one event with its details, written as
 *   alex_event("command", EV_STR("key", "f"), EV_NUM("p1", 50), EV_END);
 * Strings are written as JSON strings (codec/json.h: escaped as JSON
 * requires, and text that is not UTF-8 as U+FFFD), so that every line is
 * valid JSON. At most ALEX_EVENT_MAX_FIELDS details; more are left out. */
void alex_event(const char *event, ...);

#define ALEX_EVENT_MAX_FIELDS 12

#define EV_STR(key, value) 's', (const char *)(key), (const char *)(value)
#define EV_NUM(key, value) 'n', (const char *)(key), (long long)(value)
#define EV_END 0

#endif
