/* alex_robot.c: the real or simulated robot behind one lock (alex_robot.h). */
#include "robot/alex_robot.h"

#include <string.h>

#include "robot/alex_events.h"

void alex_robot_open_sim(alex_robot *robot)
{
    memset(robot, 0, sizeof *robot);
    pthread_mutex_init(&robot->lock, NULL);
    alex_sim_init(&robot->sim);
    robot->sim_last_ms = alex_now_ms();
    robot->motors = "stopped";
    robot->timeout_ms = 1000;
}

see_status alex_robot_open_serial(alex_robot *robot, const char *path,
                                  int baud, int reset_wait_ms)
{
    alex_robot_open_sim(robot);
    robot->use_serial = 1;
    TRY(alex_serial_open(&robot->serial, path, baud));
    see_status st = alex_serial_hello(&robot->serial, reset_wait_ms, 2000);
    if (st != SEE_OK)
        alex_serial_close(&robot->serial);
    return st;
}

void alex_robot_close(alex_robot *robot)
{
    if (robot->use_serial)
        alex_serial_close(&robot->serial);
    pthread_mutex_destroy(&robot->lock);
}

static const char *motion_name(alex_motion m)
{
    static const char *const names[] = {"stopped", "forward", "reverse", "left", "right"};
    return names[m];
}

/* What the motors do after a command was accepted. */
static const char *motors_after(const alex_packet *command, const char *before)
{
    switch (command->command) {
    case ALEX_CMD_FORWARD:    return "forward";
    case ALEX_CMD_REVERSE:    return "reverse";
    case ALEX_CMD_TURN_LEFT:  return "left";
    case ALEX_CMD_TURN_RIGHT: return "right";
    case ALEX_CMD_STOP:       return "stopped";
    default:                  return before;
    }
}

static void set_motors(alex_robot *robot, const char *state, const char *why)
{
    if (strcmp(robot->motors, state) == 0)
        return;
    robot->motors = state;
    alex_event("motors", EV_STR("state", state), EV_STR("why", why), EV_END);
}

/* Simulated time catches up with the clock; a finished move is logged. */
static void sim_catch_up(alex_robot *robot)
{
    if (robot->use_serial)
        return;
    long long now = alex_now_ms();
    alex_sim_advance(&robot->sim, (double)(now - robot->sim_last_ms) / 1000.0);
    robot->sim_last_ms = now;
    set_motors(robot, motion_name(robot->sim.motion), "move complete");
}

/* Send under the lock; why is what the motors event will say moved or
 * stopped them ("command", or the fail-safe's reason). */
static see_status send_locked(alex_robot *robot, const alex_packet *command,
                              alex_packet *reply, const char *why)
{
    see_status st = SEE_OK;
    sim_catch_up(robot);
    if (robot->use_serial)
        st = alex_serial_transact(&robot->serial, command, reply, robot->timeout_ms);
    else
        alex_sim_handle(&robot->sim, command, reply);
    if (st == SEE_OK && reply->packet_type == ALEX_PACKET_RESPONSE)
        set_motors(robot, motors_after(command, robot->motors), why);
    return st;
}

see_status alex_robot_send(alex_robot *robot, const alex_packet *command,
                           alex_packet *reply)
{
    pthread_mutex_lock(&robot->lock);
    see_status st = send_locked(robot, command, reply, "command");
    pthread_mutex_unlock(&robot->lock);
    return st;
}

see_status alex_robot_stop(alex_robot *robot, const char *reason)
{
    alex_packet stop, reply;
    memset(&stop, 0, sizeof stop);
    stop.packet_type = ALEX_PACKET_COMMAND;
    stop.command = ALEX_CMD_STOP;
    pthread_mutex_lock(&robot->lock);
    see_status st = send_locked(robot, &stop, &reply, reason);
    pthread_mutex_unlock(&robot->lock);
    alex_event("stopped", EV_STR("reason", reason),
               EV_STR("result", st == SEE_OK ? "ok" : see_strerror(st)), EV_END);
    return st;
}

void alex_robot_tick(alex_robot *robot)
{
    pthread_mutex_lock(&robot->lock);
    sim_catch_up(robot);
    pthread_mutex_unlock(&robot->lock);
}
