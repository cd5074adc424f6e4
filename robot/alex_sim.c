/* alex_sim.c: a simulated Alex (see alex_sim.h). */
#include "robot/alex_sim.h"

#include <string.h>

#define PI 3.14159265358979323846

void alex_sim_init(alex_sim *sim)
{
    memset(sim, 0, sizeof *sim);
    sim->motion = ALEX_STOPPED;
}

double alex_sim_turn_travel_cm(double degrees)
{
    /* Turning on the spot, each wheel runs along a circle whose diameter is
     * the wheel base: degrees/360 of its circumference. */
    return PI * ALEX_SIM_WHEEL_BASE_CM * degrees / 360.0;
}

static void reply_with(alex_packet *reply, uint8_t type, uint8_t command)
{
    memset(reply, 0, sizeof *reply);
    reply->packet_type = type;
    reply->command = command;
}

static void start_motion(alex_sim *sim, alex_motion motion, uint32_t amount,
                         uint32_t power)
{
    sim->motion = motion;
    sim->power = power > 100 ? 100 : power;
    sim->tick_fraction = 0;
    if (amount == 0)
        sim->remaining_cm = -1; /* the firmware's "keep going" */
    else if (motion == ALEX_FORWARD || motion == ALEX_REVERSE)
        sim->remaining_cm = amount;
    else
        sim->remaining_cm = alex_sim_turn_travel_cm(amount);
}

static void handle_command(alex_sim *sim, const alex_packet *in,
                           alex_packet *reply)
{
    uint32_t amount = in->params[0], power = in->params[1];
    reply_with(reply, ALEX_PACKET_RESPONSE, ALEX_RESP_OK);
    switch (in->command) {
    case ALEX_CMD_FORWARD:    start_motion(sim, ALEX_FORWARD, amount, power); break;
    case ALEX_CMD_REVERSE:    start_motion(sim, ALEX_REVERSE, amount, power); break;
    case ALEX_CMD_TURN_LEFT:  start_motion(sim, ALEX_LEFT, amount, power); break;
    case ALEX_CMD_TURN_RIGHT: start_motion(sim, ALEX_RIGHT, amount, power); break;
    case ALEX_CMD_STOP:       sim->motion = ALEX_STOPPED; break;
    case ALEX_CMD_CLEAR_STATS:
        memset(sim->stats, 0, sizeof sim->stats);
        sim->forward_cm = sim->reverse_cm = 0;
        break;
    case ALEX_CMD_GET_STATS:
        reply->command = ALEX_RESP_STATUS;
        memcpy(reply->params, sim->stats, sizeof sim->stats);
        break;
    default:
        reply_with(reply, ALEX_PACKET_ERROR, ALEX_RESP_BAD_COMMAND);
    }
}

void alex_sim_handle(alex_sim *sim, const alex_packet *in, alex_packet *reply)
{
    sim->commands++;
    switch (in->packet_type) {
    case ALEX_PACKET_HELLO:
        reply_with(reply, ALEX_PACKET_RESPONSE, ALEX_RESP_OK);
        break;
    case ALEX_PACKET_COMMAND:
        handle_command(sim, in, reply);
        break;
    default:
        reply_with(reply, ALEX_PACKET_ERROR, ALEX_RESP_BAD_PACKET);
    }
}

/* Add whole ticks to the counters that the current motion turns. */
static void count_ticks(alex_sim *sim, uint32_t ticks)
{
    uint32_t *s = sim->stats;
    switch (sim->motion) {
    case ALEX_FORWARD:
        s[ALEX_STAT_LEFT_FORWARD_TICKS] += ticks;
        s[ALEX_STAT_RIGHT_FORWARD_TICKS] += ticks;
        break;
    case ALEX_REVERSE:
        s[ALEX_STAT_LEFT_REVERSE_TICKS] += ticks;
        s[ALEX_STAT_RIGHT_REVERSE_TICKS] += ticks;
        break;
    case ALEX_LEFT: /* left wheel back, right wheel forward */
        s[ALEX_STAT_LEFT_REVERSE_TICKS_TURNS] += ticks;
        s[ALEX_STAT_RIGHT_FORWARD_TICKS_TURNS] += ticks;
        break;
    case ALEX_RIGHT:
        s[ALEX_STAT_LEFT_FORWARD_TICKS_TURNS] += ticks;
        s[ALEX_STAT_RIGHT_REVERSE_TICKS_TURNS] += ticks;
        break;
    case ALEX_STOPPED:
        break;
    }
}

void alex_sim_advance(alex_sim *sim, double seconds)
{
    if (sim->motion == ALEX_STOPPED || seconds <= 0)
        return;
    double travel = ALEX_SIM_FULL_SPEED_CM_S * sim->power / 100.0 * seconds;
    int finished = 0;
    if (sim->remaining_cm >= 0 && travel >= sim->remaining_cm) {
        travel = sim->remaining_cm;
        finished = 1;
    }
    if (sim->remaining_cm >= 0)
        sim->remaining_cm -= travel;

    double ticks = sim->tick_fraction +
                   travel * ALEX_SIM_TICKS_PER_REV / ALEX_SIM_WHEEL_CIRCUMFERENCE_CM;
    uint32_t whole = (uint32_t)ticks;
    sim->tick_fraction = ticks - whole;
    count_ticks(sim, whole);

    if (sim->motion == ALEX_FORWARD)
        sim->forward_cm += travel;
    else if (sim->motion == ALEX_REVERSE)
        sim->reverse_cm += travel;
    sim->stats[ALEX_STAT_FORWARD_DISTANCE] = (uint32_t)sim->forward_cm;
    sim->stats[ALEX_STAT_REVERSE_DISTANCE] = (uint32_t)sim->reverse_cm;

    if (finished)
        sim->motion = ALEX_STOPPED;
}
