/* alex_control.c: the one controller slot and its silence rule
 * (alex_control.h). */
#include "robot/alex_control.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "robot/alex_events.h"
#include "robot/alex_message.h"

void alex_control_init(alex_control *c, alex_robot *robot)
{
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    c->robot = robot;
}

void alex_control_destroy(alex_control *c)
{
    pthread_mutex_destroy(&c->lock);
}

int alex_control_claim(alex_control *c, const char *peer, int silence_ms,
                       char *in_charge, size_t in_charge_len)
{
    for (int waited_ms = 0;; waited_ms += 10) {
        pthread_mutex_lock(&c->lock);
        int claimed = !c->busy;
        int releasing = c->releasing;
        if (claimed) {
            c->busy = 1;
            c->last_heard_ms = alex_now_ms();
            c->silence_ms = silence_ms;
            c->stopped_for_silence = 0;
            snprintf(c->controller, sizeof c->controller, "%s", peer);
        } else {
            snprintf(in_charge, in_charge_len, "%s", c->controller);
        }
        pthread_mutex_unlock(&c->lock);
        if (claimed || !releasing || waited_ms >= 500)
            return claimed;
        struct timespec t = {0, 10 * 1000000L};
        nanosleep(&t, NULL);
    }
}

void alex_control_release(alex_control *c, const char *reason)
{
    pthread_mutex_lock(&c->lock);
    int already_stopped = c->stopped_for_silence;
    c->releasing = 1;
    pthread_mutex_unlock(&c->lock);
    if (!already_stopped)
        alex_robot_stop(c->robot, reason);
    pthread_mutex_lock(&c->lock);
    c->busy = 0;
    c->releasing = 0;
    c->controller[0] = '\0';
    pthread_mutex_unlock(&c->lock);
}

void alex_control_heard(alex_control *c)
{
    pthread_mutex_lock(&c->lock);
    c->last_heard_ms = alex_now_ms();
    c->stopped_for_silence = 0;
    pthread_mutex_unlock(&c->lock);
}

void alex_control_set_silence(alex_control *c, int silence_ms)
{
    pthread_mutex_lock(&c->lock);
    c->silence_ms = silence_ms;
    pthread_mutex_unlock(&c->lock);
}

int alex_control_silenced(alex_control *c)
{
    pthread_mutex_lock(&c->lock);
    int fired = c->stopped_for_silence;
    pthread_mutex_unlock(&c->lock);
    return fired;
}

int alex_control_who(alex_control *c, char *out, size_t cap)
{
    pthread_mutex_lock(&c->lock);
    int busy = c->busy;
    snprintf(out, cap, "%s", busy ? c->controller : "");
    pthread_mutex_unlock(&c->lock);
    return busy;
}

int alex_silence_exceeded(long long last_heard_ms, int silence_ms, long long now_ms)
{
    return silence_ms > 0 && now_ms - last_heard_ms > silence_ms;
}

int alex_control_watch(alex_control *c)
{
    pthread_mutex_lock(&c->lock);
    long long last_heard = c->last_heard_ms;
    int limit = c->silence_ms;
    int act = c->busy && !c->stopped_for_silence &&
              alex_silence_exceeded(last_heard, limit, alex_now_ms());
    if (act)
        c->stopped_for_silence = 1;
    pthread_mutex_unlock(&c->lock);
    if (!act)
        return 0;
    /* The moment the link counts as lost is last_heard + the limit; both
     * are logged so the stop's delay can be checked. */
    char reason[96];
    snprintf(reason, sizeof reason,
             "fail-safe: controller silent for %d ms (no command or heartbeat)", limit);
    alex_event("silent", EV_NUM("last_heard_t_ms", last_heard), EV_NUM("idle_ms", limit),
               EV_END);
    alex_robot_stop(c->robot, reason);
    return 1;
}

/* Why alex_command_to_packet refused m, naming the value and its range
 * ("distance 5000 is out of range 0-1000"). */
static void explain_invalid(const alex_message *m, uint8_t code, char *out, size_t cap)
{
    unsigned char key = (unsigned char)m->key;
    if (code == ALEX_ERR_BAD_COMMAND) {
        if (key > 0x20 && key < 0x7f)
            snprintf(out, cap, "unknown command '%c' (the commands are f, b, l, r, s, c, g)", key);
        else
            snprintf(out, cap, "unknown command 0x%02x (the commands are f, b, l, r, s, c, g)", key);
        return;
    }
    int turn = key == 'l' || key == 'r';
    const char *what = turn ? "angle" : "distance";
    int32_t limit = turn ? ALEX_MAX_ANGLE_DEG : ALEX_MAX_DISTANCE_CM;
    if (m->p1 < 0 || m->p1 > limit)
        snprintf(out, cap, "%s %ld is out of range 0-%ld", what, (long)m->p1, (long)limit);
    else
        snprintf(out, cap, "power %ld is out of range 0-%d", (long)m->p2, ALEX_MAX_POWER_PCT);
}

uint8_t alex_control_command(alex_control *c, const alex_message *m, alex_packet *reply,
                             char *why, size_t why_len)
{
    char key[2] = {m->key, '\0'};
    alex_packet packet;
    uint8_t code = alex_command_to_packet(m, &packet);
    if (code != ALEX_ERR_OK) {
        explain_invalid(m, code, why, why_len);
        alex_event("invalid", EV_STR("key", key), EV_NUM("p1", m->p1),
                   EV_NUM("p2", m->p2), EV_STR("reason", why), EV_END);
        return code;
    }
    alex_event("command", EV_STR("key", key), EV_NUM("p1", m->p1),
               EV_NUM("p2", m->p2), EV_END);
    see_status st = alex_robot_send(c->robot, &packet, reply);
    if (st != SEE_OK) {
        snprintf(why, why_len, "%s", alex_strerror(st));
        alex_event("robot_error", EV_STR("key", key), EV_STR("reason", why), EV_END);
        return ALEX_ERR_ROBOT;
    }
    return ALEX_ERR_OK;
}
