/*
 * alex_robot.h: the robot as the server sees it — the real Arduino over the
 * serial line, or the simulated Alex — behind one lock, so the controller's
 * commands and the fail-safe never interleave on the wire.
 */
#ifndef SEETLS_ALEX_ROBOT_H
#define SEETLS_ALEX_ROBOT_H

#include <pthread.h>

#include "crypto/error.h"
#include "robot/alex_packet.h"
#include "robot/alex_serial.h"
#include "robot/alex_sim.h"

typedef struct {
    pthread_mutex_t lock;
    int use_serial;
    alex_serial serial;
    alex_sim sim;
    long long sim_last_ms;
    const char *motors;   /* "stopped", "forward", "reverse", "left", "right" */
    int timeout_ms;       /* for a serial reply */
} alex_robot;

void alex_robot_open_sim(alex_robot *robot);
see_status alex_robot_open_serial(alex_robot *robot, const char *path,
                                  int baud, int reset_wait_ms);
void alex_robot_close(alex_robot *robot);

/* Send one valid command packet and get the robot's reply. Logs a "motors"
 * event when the motors' state changes. */
see_status alex_robot_send(alex_robot *robot, const alex_packet *command,
                           alex_packet *reply);

/* Stop the motors now (the fail-safe); logs "stopped" with the reason,
 * and the reason is also the "why" of the motors event that follows. */
see_status alex_robot_stop(alex_robot *robot, const char *reason);

/* Let simulated time pass (no effect on the real robot). */
void alex_robot_tick(alex_robot *robot);

#endif
