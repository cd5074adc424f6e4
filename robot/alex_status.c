/* alex_status.c: the names of the robot's statuses (see alex_status.h). */
#include "robot/alex_status.h"

/* In the order of the codes: the text of ALEX_STATUS_FIRST + i is
 * robot_text[i]. */
static const char *const robot_text[] = {
    "cannot open the serial port",                            /* SERIAL_OPEN */
    "serial line read or write failed",                       /* SERIAL_IO */
    "the robot gave an unexpected reply",                     /* ROBOT_REPLY */
    "robot not connected (its serial port is being reopened)", /* NOT_CONNECTED */
    "connection closed",                                      /* LINK_CLOSED */
    "cannot write to the connection",                         /* LINK_WRITE */
    "malformed message",                                      /* MALFORMED */
    "no command or heartbeat within the idle limit",          /* SILENT */
    "server shutting down",                                   /* SERVER_STOPPING */
    "cannot start a thread",                                  /* NO_THREAD */
    "not a command of the web console",                       /* WEB_COMMAND */
    "plain HTTP on the web console's TLS port",               /* PLAIN_HTTP */
};

_Static_assert(sizeof robot_text / sizeof robot_text[0] ==
                   (unsigned)(ALEX_STATUS_END - ALEX_STATUS_FIRST),
               "every robot status has its text");

int alex_status_is_robot(see_status status)
{
    return (int)status >= (int)ALEX_STATUS_FIRST && (int)status < (int)ALEX_STATUS_END;
}

const char *alex_strerror(see_status status)
{
    if (alex_status_is_robot(status))
        return robot_text[(int)status - (int)ALEX_STATUS_FIRST];
    return see_strerror(status);
}
