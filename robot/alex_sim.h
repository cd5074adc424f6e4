/*
 * alex_sim.h: a simulated Alex, for labs without the robot, for class
 * demos and for tests. It answers packets as the Arduino firmware does and
 * moves its wheels in simulated time: encoder ticks accumulate at a speed
 * set by the power, forward/reverse stop after the asked distance, turns
 * after the asked angle, and the status counters are the firmware's ten.
 */
#ifndef SEETLS_ALEX_SIM_H
#define SEETLS_ALEX_SIM_H

#include "robot/alex_packet.h"

/* The simulated robot's geometry: a wheel of 20.4 cm circumference with an
 * encoder giving 192 ticks per turn, wheels 11 cm apart, and 40 cm/s at
 * full power. */
#define ALEX_SIM_WHEEL_CIRCUMFERENCE_CM 20.4
#define ALEX_SIM_TICKS_PER_REV          192.0
#define ALEX_SIM_WHEEL_BASE_CM          11.0
#define ALEX_SIM_FULL_SPEED_CM_S        40.0

typedef enum {
    ALEX_STOPPED,
    ALEX_FORWARD,
    ALEX_REVERSE,
    ALEX_LEFT,
    ALEX_RIGHT,
} alex_motion;

typedef struct {
    alex_motion motion;
    unsigned power;          /* percent */
    double remaining_cm;     /* wheel travel left; < 0 means "until stopped" */
    double tick_fraction;    /* ticks not yet whole */
    uint32_t stats[ALEX_STAT_COUNT];
    double forward_cm, reverse_cm;
    unsigned long commands;  /* packets handled */
} alex_sim;

void alex_sim_init(alex_sim *sim);

/* Answer one packet as the firmware would: HELLO and movement commands get
 * RESPONSE OK, GET_STATS gets RESPONSE STATUS with the counters, anything
 * unknown gets ERROR BAD_COMMAND (or BAD_PACKET for a bad packet type). */
void alex_sim_handle(alex_sim *sim, const alex_packet *in, alex_packet *reply);

/* Let `seconds` of time pass: the wheels turn and the counters grow. */
void alex_sim_advance(alex_sim *sim, double seconds);

/* Wheel travel in cm for a turn of `degrees` on the spot. */
double alex_sim_turn_travel_cm(double degrees);

#endif
