/*
 * alex_control.h: the one controller slot of the robot, shared by the
 * terminal listener and the web console (alex_server.h, alex_web.h): at
 * most one controller drives at a time, whichever door it came in by, and
 * the watchdog stops the motors when that controller goes quiet.
 *
 * The silence limit belongs to the controller in charge: the terminal
 * client's is --idle-ms, always (it sends a heartbeat every 100 ms, moving
 * or not); the web page's is ALEX_WEB_SILENCE_MS while a "go" is in force
 * and none while the robot is stopped (the page sends heartbeats only
 * while a key or button is held). A limit of 0 means "no limit".
 *
 * Safe to call from several threads: one lock inside.
 */
#ifndef SEETLS_ALEX_CONTROL_H
#define SEETLS_ALEX_CONTROL_H

#include <pthread.h>
#include <stddef.h>

#include "robot/alex_message.h"
#include "robot/alex_robot.h"

typedef struct {
    pthread_mutex_t lock;
    alex_robot *robot;
    int busy;                 /* a controller is in charge */
    int releasing;            /* the controller is going; motors stopping */
    long long last_heard_ms;  /* when the controller last sent anything */
    int silence_ms;           /* its silence limit now (0: none) */
    int stopped_for_silence;  /* the watchdog already acted on this silence */
    char controller[256];     /* who is in charge, while busy */
} alex_control;

void alex_control_init(alex_control *c, alex_robot *robot);
void alex_control_destroy(alex_control *c);

/* Become the controller if nobody is, with silence_ms as its limit. A
 * controller being released (its motors stopping) is waited for a moment
 * (up to 500 ms), so that the next one is served at once rather than told
 * "busy" by a hair. Returns 1 when claimed; refused, *in_charge is who has
 * the robot. */
int alex_control_claim(alex_control *c, const char *peer, int silence_ms,
                       char *in_charge, size_t in_charge_len);

/* The controller goes: stop the motors (unless the watchdog just did) with
 * reason, and free the slot. */
void alex_control_release(alex_control *c, const char *reason);

/* The controller was heard from (a command or a heartbeat). */
void alex_control_heard(alex_control *c);

/* The controller in charge changes its own silence limit (0: none). */
void alex_control_set_silence(alex_control *c, int silence_ms);

/* 1 if the watchdog stopped the motors for the present silence. */
int alex_control_silenced(alex_control *c);

/* Who is in charge into out ("" when nobody); returns busy. */
int alex_control_who(alex_control *c, char *out, size_t cap);

/* The silence rule, apart so that it can be tested: whether a controller
 * last heard at last_heard_ms, with a limit of silence_ms (0: none), is
 * silent at now_ms. */
int alex_silence_exceeded(long long last_heard_ms, int silence_ms, long long now_ms);

/* The watchdog's turn, every 10 ms: when the controller in charge is
 * silent past its limit, stop the motors once for that silence (logging
 * "silent" with last_heard_t_ms and the limit, so the stop's delay can be
 * measured). Returns 1 if it stopped them. */
int alex_control_watch(alex_control *c);

/* Run the controller's command m on the robot: checked
 * (alex_command_to_packet), logged ("command", or "invalid" with the
 * reason), sent. ALEX_ERR_OK with the robot's *reply, or the wire code to
 * answer with and why in words ("distance 5000 is out of range 0-1000";
 * ALEX_ERR_ROBOT: the Arduino did not answer). */
uint8_t alex_control_command(alex_control *c, const alex_message *m, alex_packet *reply,
                             char *why, size_t why_len);

#endif
