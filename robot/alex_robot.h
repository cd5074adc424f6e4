/*
 * alex_robot.h: the robot as the server sees it — the real Arduino over the
 * serial line, or the simulated Alex — behind one lock, so the controller's
 * commands and the fail-safe never interleave on the wire.
 *
 * The serial line can go: the Arduino unplugged, or reset in a way that
 * takes its USB port away for a moment. A keeper thread watches the line;
 * once it is lost (it hung up, or a command found it failed), the keeper
 * closes it at once (so the kernel can give the returning Arduino the same
 * device name) and reopens it: after ALEX_SERIAL_RETRY_FIRST_MS, then
 * twice as long after each failure, at most ALEX_SERIAL_RETRY_MAX_MS
 * apart; each time it waits for the Arduino to boot (it resets when its
 * port is opened) and greets it with HELLO. Meanwhile commands and stops
 * fail at once with ALEX_STATUS_NOT_CONNECTED. Events: serial_lost,
 * serial_retry (when the reason of a failed try changes), serial_connected.
 */
#ifndef SEETLS_ALEX_ROBOT_H
#define SEETLS_ALEX_ROBOT_H

#include <pthread.h>

#include "robot/alex_packet.h"
#include "robot/alex_serial.h"
#include "robot/alex_sim.h"
#include "robot/alex_status.h"

#define ALEX_SERIAL_RETRY_FIRST_MS 500
#define ALEX_SERIAL_RETRY_MAX_MS   5000
#define ALEX_SERIAL_HELLO_MS       2000  /* HELLO -> OK, after the boot wait */

typedef struct {
    pthread_mutex_t lock;
    int use_serial;
    alex_serial serial;
    alex_sim sim;
    long long sim_last_ms;
    const char *motors;   /* "stopped", "forward", "reverse", "left", "right" */
    int timeout_ms;       /* for a serial reply */

    /* The serial line and its keeper (use_serial only). The keeper alone
     * opens and closes serial.fd. */
    char path[256];
    int baud, reset_wait_ms;
    int connected;        /* under lock: the Arduino answered HELLO on
                             serial.fd, and the line has not failed since */
    char lost_reason[96]; /* under lock: why it was lost */
    int closing[2];       /* a pipe, written once by alex_robot_close: ends
                             every wait of the keeper's */
    pthread_t keeper;
} alex_robot;

void alex_robot_open_sim(alex_robot *robot);

/* Open the Arduino's port, wait reset_wait_ms for it to boot, greet it
 * (alex_serial_hello), and start the keeper. A first failure is returned
 * (a wrong path should stop the server, not be retried for ever). */
see_status alex_robot_open_serial(alex_robot *robot, const char *path,
                                  int baud, int reset_wait_ms);

/* Stop the keeper (at once, even mid-reopen) and close the line. */
void alex_robot_close(alex_robot *robot);

/* Send one valid command packet and get the robot's reply. Logs a "motors"
 * event when the motors' state changes. ALEX_STATUS_NOT_CONNECTED while
 * the serial line is being reopened. */
see_status alex_robot_send(alex_robot *robot, const alex_packet *command,
                           alex_packet *reply);

/* Stop the motors now (the fail-safe); logs "stopped" with the reason,
 * and the reason is also the "why" of the motors event that follows. */
see_status alex_robot_stop(alex_robot *robot, const char *reason);

/* What the motors do now: "stopped", "forward", "reverse", "left" or
 * "right" (a static string). */
const char *alex_robot_motors(alex_robot *robot);

/* Let simulated time pass (no effect on the real robot). */
void alex_robot_tick(alex_robot *robot);

#endif
