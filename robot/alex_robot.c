/* alex_robot.c: the real or simulated robot behind one lock (alex_robot.h). */
#include "robot/alex_robot.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

static void *keep_serial_line(void *arg);

see_status alex_robot_open_serial(alex_robot *robot, const char *path,
                                  int baud, int reset_wait_ms)
{
    alex_robot_open_sim(robot);
    robot->use_serial = 1;
    snprintf(robot->path, sizeof robot->path, "%s", path);
    robot->baud = baud;
    robot->reset_wait_ms = reset_wait_ms;
    TRY(alex_serial_open(&robot->serial, path, baud));
    see_status st = alex_serial_hello(&robot->serial, reset_wait_ms, ALEX_SERIAL_HELLO_MS);
    if (st == SEE_OK && pipe2(robot->closing, O_CLOEXEC) != 0)
        st = SEE_ERR_NO_DESCRIPTORS;
    if (st != SEE_OK) {
        alex_serial_close(&robot->serial);
        return st;
    }
    /* A command waiting for its reply gives up at once on close too. */
    robot->serial.cancel_fd = robot->closing[0];
    robot->connected = 1;
    if (pthread_create(&robot->keeper, NULL, keep_serial_line, robot) != 0) {
        alex_serial_close(&robot->serial);
        close(robot->closing[0]);
        close(robot->closing[1]);
        return SEE_ERR_NO_MEMORY;
    }
    return SEE_OK;
}

void alex_robot_close(alex_robot *robot)
{
    if (robot->use_serial) {
        ssize_t told = write(robot->closing[1], "x", 1); /* an empty pipe of ours */
        (void)told;
        pthread_join(robot->keeper, NULL);
        alex_serial_close(&robot->serial);
        close(robot->closing[0]);
        close(robot->closing[1]);
    }
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

/* ------------------------------------------- the serial line's keeper */

static const char hung_up_reason[] = "the serial port hung up (the Arduino unplugged or reset)";

/* Under the lock: the line is lost. Commands fail from now on, until the
 * keeper (which notices within 100 ms) has closed and reopened it. */
static void line_lost_locked(alex_robot *robot, const char *reason)
{
    if (!robot->connected)
        return;
    robot->connected = 0;
    snprintf(robot->lost_reason, sizeof robot->lost_reason, "%s", reason);
}

/* 1 if alex_robot_close is closing the robot, waiting up to ms for it. */
static int closing_within(const alex_robot *robot, int ms)
{
    struct pollfd pfd = {.fd = robot->closing[0], .events = POLLIN};
    return poll(&pfd, 1, ms) > 0;
}

/* While the line is up, watch it for a hang-up. Returns 1 once it is lost
 * (closed by then), 0 when the robot is closing. */
static int watch_line(alex_robot *robot)
{
    for (;;) {
        pthread_mutex_lock(&robot->lock);
        int up = robot->connected;
        alex_serial line = robot->serial; /* its fd is the keeper's alone */
        pthread_mutex_unlock(&robot->lock);
        if (closing_within(robot, 0))
            return 0;
        if (!up)
            break;
        if (alex_serial_hung_up(&line, 100)) {
            pthread_mutex_lock(&robot->lock);
            line_lost_locked(robot, hung_up_reason);
            pthread_mutex_unlock(&robot->lock);
            break;
        }
    }
    pthread_mutex_lock(&robot->lock);
    alex_serial_close(&robot->serial);
    char reason[sizeof robot->lost_reason];
    snprintf(reason, sizeof reason, "%s", robot->lost_reason);
    pthread_mutex_unlock(&robot->lock);

    char action[160];
    snprintf(action, sizeof action,
             "reopening it in %.1f s, then at most every %d s; commands are refused meanwhile",
             ALEX_SERIAL_RETRY_FIRST_MS / 1000.0, ALEX_SERIAL_RETRY_MAX_MS / 1000);
    alex_event("serial_lost", EV_STR("path", robot->path), EV_STR("reason", reason),
               EV_STR("action", action), EV_END);
    return 1;
}

/* One try: open the port, wait for the Arduino to boot, HELLO. */
static see_status open_and_greet(const alex_robot *robot, alex_serial *line,
                                 char *why, size_t why_len)
{
    see_status st = alex_serial_open(line, robot->path, robot->baud);
    if (st == ALEX_STATUS_SERIAL_OPEN) {
        snprintf(why, why_len, "%s: %s", alex_strerror(st), strerror(errno));
        return st;
    }
    if (st != SEE_OK) {
        snprintf(why, why_len, "%s", alex_strerror(st));
        return st;
    }
    line->cancel_fd = robot->closing[0];
    st = alex_serial_hello(line, robot->reset_wait_ms, ALEX_SERIAL_HELLO_MS);
    if (st != SEE_OK) {
        snprintf(why, why_len, "no answer to HELLO: %s", alex_strerror(st));
        alex_serial_close(line);
    }
    return st;
}

/* Reopen the line, waiting longer after each failure. Returns 1 once it
 * is back, 0 when the robot is closing. */
static int reopen_line(alex_robot *robot)
{
    long long lost_ms = alex_now_ms();
    int wait_ms = ALEX_SERIAL_RETRY_FIRST_MS;
    char last_why[200] = "";
    for (int attempt = 1;; attempt++) {
        if (closing_within(robot, wait_ms))
            return 0;
        alex_serial line;
        char why[200];
        see_status st = open_and_greet(robot, &line, why, sizeof why);
        if (st == SEE_ERR_CANCELLED)
            return 0;
        if (st == SEE_OK) {
            pthread_mutex_lock(&robot->lock);
            robot->serial = line;
            robot->connected = 1;
            /* opening the port restarted the Arduino: its motors are off */
            set_motors(robot, "stopped", "the Arduino restarted (its serial port reopened)");
            pthread_mutex_unlock(&robot->lock);
            alex_event("serial_connected", EV_STR("path", robot->path),
                       EV_NUM("down_ms", alex_now_ms() - lost_ms),
                       EV_NUM("attempts", attempt), EV_END);
            return 1;
        }
        wait_ms = wait_ms * 2 < ALEX_SERIAL_RETRY_MAX_MS ? wait_ms * 2 : ALEX_SERIAL_RETRY_MAX_MS;
        if (strcmp(why, last_why) != 0) /* each new reason once, not every try */
            alex_event("serial_retry", EV_STR("path", robot->path), EV_STR("reason", why),
                       EV_NUM("attempt", attempt), EV_NUM("next_ms", wait_ms), EV_END);
        snprintf(last_why, sizeof last_why, "%s", why);
    }
}

static void *keep_serial_line(void *arg)
{
    alex_robot *robot = arg;
    while (watch_line(robot) && reopen_line(robot))
        ;
    return NULL;
}

/* ---------------------------------------------------------- commands */

/* Send under the lock; why is what the motors event will say moved or
 * stopped them ("command", or the fail-safe's reason). */
static see_status send_locked(alex_robot *robot, const alex_packet *command,
                              alex_packet *reply, const char *why)
{
    see_status st = SEE_OK;
    sim_catch_up(robot);
    if (robot->use_serial) {
        ENSURE(robot->connected, ALEX_STATUS_NOT_CONNECTED);
        st = alex_serial_transact(&robot->serial, command, reply, robot->timeout_ms);
        if (st == ALEX_STATUS_SERIAL_IO)
            line_lost_locked(robot, alex_serial_hung_up(&robot->serial, 0)
                                        ? hung_up_reason : alex_strerror(st));
    } else {
        alex_sim_handle(&robot->sim, command, reply);
    }
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
               EV_STR("result", st == SEE_OK ? "ok" : alex_strerror(st)), EV_END);
    return st;
}

void alex_robot_tick(alex_robot *robot)
{
    pthread_mutex_lock(&robot->lock);
    sim_catch_up(robot);
    pthread_mutex_unlock(&robot->lock);
}

const char *alex_robot_motors(alex_robot *robot)
{
    pthread_mutex_lock(&robot->lock);
    sim_catch_up(robot);
    const char *motors = robot->motors;
    pthread_mutex_unlock(&robot->lock);
    return motors;
}
