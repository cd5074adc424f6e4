/*
 * alex_status.h: the robot's own failures, beside the library's.
 *
 * The robot code speaks see_status (core/error.h), the library's error
 * vocabulary, all the way to its programs: a TLS link whose read fails
 * returns the record layer's status unchanged (SEE_ERR_TLS_BAD_RECORD_MAC,
 * SEE_ERR_TLS_ALERT_RECEIVED, SEE_ERR_TLS_CLOSE_NOTIFY, ...), and
 * alex-client and alex-server decide from it, as s2n carries its S2N_ERR_*
 * to the caller. The failures only the robot has (its serial line, its
 * Arduino, a link it gives up) are codes of the same type in a range of
 * their own, from ALEX_STATUS_FIRST (core/error.h reserves the range for
 * programs built on the library): a robot function returns either kind,
 * TRY and ENSURE pass both on, and nothing is turned into text before the
 * edge.
 *
 * see_strerror knows only the library's codes; alex_strerror names any
 * status, robot or library, and is what robot/ uses to print one.
 *
 * The robot codes are macros, not enumerators, so that they have the type
 * see_status (an enumerator of another enum would be converted, and
 * -Wenum-conversion refuses that); a switch over a see_status cannot name
 * them as cases (not enumerators of see_status: -Wswitch), so robot code
 * compares them with ==.
 */
#ifndef SEETLS_ALEX_STATUS_H
#define SEETLS_ALEX_STATUS_H

#include "core/error.h"

#define ALEX_STATUS_FIRST SEE_STATUS_APP_FIRST

/* the serial line and the Arduino (alex_serial.h, alex_robot.h) */
#define ALEX_STATUS_SERIAL_OPEN     ((see_status)(ALEX_STATUS_FIRST + 0))
#define ALEX_STATUS_SERIAL_IO       ((see_status)(ALEX_STATUS_FIRST + 1))
#define ALEX_STATUS_ROBOT_REPLY     ((see_status)(ALEX_STATUS_FIRST + 2))
#define ALEX_STATUS_NOT_CONNECTED   ((see_status)(ALEX_STATUS_FIRST + 3))
/* the laptop-Pi link (alex_link.h, alex_message.h, alex_server.h) */
#define ALEX_STATUS_LINK_CLOSED     ((see_status)(ALEX_STATUS_FIRST + 4))
#define ALEX_STATUS_LINK_WRITE      ((see_status)(ALEX_STATUS_FIRST + 5))
#define ALEX_STATUS_MALFORMED       ((see_status)(ALEX_STATUS_FIRST + 6))
#define ALEX_STATUS_SILENT          ((see_status)(ALEX_STATUS_FIRST + 7))
#define ALEX_STATUS_SERVER_STOPPING ((see_status)(ALEX_STATUS_FIRST + 8))
/* the server's set-up (alex_server.h) */
#define ALEX_STATUS_NO_THREAD       ((see_status)(ALEX_STATUS_FIRST + 9))
/* the web console (alex_web.h) */
#define ALEX_STATUS_WEB_COMMAND     ((see_status)(ALEX_STATUS_FIRST + 10))
#define ALEX_STATUS_PLAIN_HTTP      ((see_status)(ALEX_STATUS_FIRST + 11))
/* one past the last robot code */
#define ALEX_STATUS_END             ((see_status)(ALEX_STATUS_FIRST + 12))

_Static_assert(ALEX_STATUS_END <= SEE_STATUS_APP_LAST,
               "the robot's codes must stay in the range core/error.h reserves");

/* A short English phrase for any status, the robot's or the library's
 * (see_strerror's phrase for those); never NULL. */
const char *alex_strerror(see_status status);

/* 1 for a robot code (ALEX_STATUS_FIRST to ALEX_STATUS_END), else 0. */
int alex_status_is_robot(see_status status);

#endif
