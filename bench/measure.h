/*
 * measure.h: the benchmark's measuring and printing, shared by its sections.
 *
 * Each section (bench_<area>.c) measures our figure and theirs in the same
 * run and prints them with the ratio ours/theirs (above 1 means ours is
 * faster for rates, and for times the row says which way is better). This
 * pair knows nothing of the sections; main.c calls them (sections.h).
 */
#ifndef SEETLS_BENCH_MEASURE_H
#define SEETLS_BENCH_MEASURE_H

#include <stddef.h>

/* The timing itself (speed_now, speed_rate, speed_rates, speed_sort) is
 * speed/measure.h's, shared with `seetls speed`, and what is timed of
 * ours is speed/workloads.h's table. */
#include "speed/measure.h"
#include "speed/workloads.h"

/* Our work `id` set up (its state: speed/workloads.h), and let go. The
 * first exits when there is no memory for it. Each section times
 * speed_workloads[id].run on that state beside the references. */
void *bench_ours_start(speed_id id);
void bench_ours_stop(speed_id id, void *state);

/* A figure OpenSSL gives with AVX-512 IFMA masked off (a rate, or a
 * median time): this program run again as `bench MODE SECONDS` with
 * OPENSSL_ia32cap hiding the instruction set (libcrypto reads the mask
 * once, when it starts: hence a second process), reading the one number
 * the child prints. 0 when it cannot be measured. main.c maps each MODE
 * to its function. */
double bench_child_figure_without_ifma(const char *mode, double seconds);

/* A section title. */
void bench_section(const char *title);

/* One row: what was measured, our rate, the reference's rate, the unit
 * ("MB/s", "ops/s") and the reference's name. Prints the ratio ours/theirs
 * and, when target > 0, whether ratio >= target. Returns the ratio. */
double bench_row(const char *what, double ours, double theirs,
                 const char *unit, const char *reference, double target);

/* The same for times where smaller is better (ms): the ratio printed is
 * theirs/ours, so that above 1 still means ours is faster. */
double bench_row_time(const char *what, double ours_ms, double theirs_ms,
                      const char *reference, double target);

#endif
