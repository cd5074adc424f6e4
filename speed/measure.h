/*
 * measure.h: timing a call, for `seetls speed` and build/bench alike, so
 * that both measure our code the same way (speed/workloads.h is what they
 * measure).
 *
 * A rate is the best of SPEED_RUNS shorter runs; figures compared with
 * each other are measured in turns (speed_rates), which shrugs off the
 * moments when a shared, noisy machine gives the CPU to someone else.
 */
#ifndef SEETLS_SPEED_MEASURE_H
#define SEETLS_SPEED_MEASURE_H

#include <stddef.h>

/* Each rate is the best of this many runs of seconds/SPEED_RUNS each. */
#define SPEED_RUNS 15

/* What is timed: one call of the work, on its state. */
typedef void speed_fn(void *arg);

/* Monotonic seconds. */
double speed_now(void);

/* Call fn(arg) repeatedly for at least `seconds` (after a short warm-up);
 * returns calls per second. */
double speed_rate(speed_fn *fn, void *arg, double seconds);

/* The rates (calls per second) of n functions (n <= 8) compared with each
 * other, measured in turns: a short run of each, then again, keeping each
 * one's best. A busy spell on a shared machine then hits all of them
 * alike instead of spoiling one side of a ratio. Takes about n * seconds. */
void speed_rates(int n, speed_fn *const fns[], void *const args[],
                 double seconds, double rates[]);

/* The time of one call of fn(arg), in milliseconds (for the medians of
 * slow operations, a key generation). */
double speed_time_ms(speed_fn *fn, void *arg);

/* Sort n figures in place, smallest first (for medians, p99). */
void speed_sort(double *v, size_t n);

#endif
