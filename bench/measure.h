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

/* Each figure is the best of this many runs of seconds/BENCH_RUNS each. */
#define BENCH_RUNS 15

/* Monotonic seconds. */
double bench_now(void);

/* Call fn(arg) repeatedly for at least `seconds` (after a short warm-up);
 * returns calls per second. */
double bench_rate(void (*fn)(void *arg), void *arg, double seconds);

/* The rates (calls per second) of n functions compared with each other,
 * measured in turns: a short run of each, then again, keeping each one's
 * best. A busy spell on a shared machine then hits all of them alike
 * instead of spoiling one side of a ratio. Takes about n * seconds. */
typedef void bench_fn(void *arg);
void bench_rates(int n, bench_fn *const fns[], void *const args[],
                 double seconds, double rates[]);

/* A figure OpenSSL gives with AVX-512 IFMA masked off (a rate, or a
 * median time): this program run again as `bench MODE SECONDS` with
 * OPENSSL_ia32cap hiding the instruction set (libcrypto reads the mask
 * once, when it starts: hence a second process), reading the one number
 * the child prints. 0 when it cannot be measured. main.c maps each MODE
 * to its function. */
double bench_child_figure_without_ifma(const char *mode, double seconds);

/* Sort n figures in place, smallest first (for medians, p99). */
void bench_sort(double *v, size_t n);

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
