/*
 * cmd_speed.c: seetls speed, our speed on this machine, like openssl
 * speed: the rows of `make bench` without the foreign libraries (the
 * entries of speed/workloads.h, timed by speed/measure.h exactly as the
 * bench times them), each with the path it took (core/cpu.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "core/cpu.h"
#include "speed/measure.h"
#include "speed/workloads.h"

#define DEFAULT_SECONDS 0.5
#define MAX_SECONDS     600

static const char help[] =
    "usage: seetls speed [--seconds S] [--portable] [ALGORITHM...]\n"
    "       seetls speed --list\n"
    "Measure our code on this machine, as make bench does, without the\n"
    "libraries it compares with: MB/s for bulk work, operations per second\n"
    "for public keys and whole handshakes (in memory, client and server in\n"
    "two threads). Each figure is the best of 15 runs over S seconds; the\n"
    "last column names the code that ran: a hardware path (aes-ni,\n"
    "pclmulqdq, sha-ni, avx2; armv8-aes, pmull, armv8-sha256, neon) or\n"
    "\"portable\".\n"
    "With ALGORITHM names, only their rows (--list names them); by default\n"
    "all (about 20 s).\n"
    "\n"
    "  -s, --seconds S   measuring time of each row (default 0.5; 0 < S <= 600)\n"
    "  -p, --portable    the portable C code everywhere, as SEETLS_NO_ASM=1\n"
    "                    does, to compare with the hardware paths\n"
    "  -l, --list        the ALGORITHM names and their rows\n"
    "  -h, --help        this text\n";

/* Whether `name` is the name of an entry earlier than index i (to name
 * each algorithm once). */
static int named_before(size_t i, const char *name)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(speed_workloads[k].name, name) == 0)
            return 1;
    return 0;
}

static int known_algorithm(const char *name)
{
    return named_before(SPEED_COUNT, name);
}

/* Every name, space-separated, into buf. */
static const char *all_names(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < SPEED_COUNT && used < size; i++) {
        if (named_before(i, speed_workloads[i].name))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? " " : "",
                         speed_workloads[i].name);
        if (n > 0)
            used += (size_t)n;
    }
    return buf;
}

static void list_algorithms(void)
{
    for (size_t i = 0; i < SPEED_COUNT; i++) {
        const char *name = speed_workloads[i].name;
        if (named_before(i, name))
            continue;
        printf("%-18s", name);
        const char *sep = "";
        for (size_t k = i; k < SPEED_COUNT; k++)
            if (strcmp(speed_workloads[k].name, name) == 0) {
                printf("%s%s", sep, speed_workloads[k].row);
                sep = "; ";
            }
        putchar('\n');
    }
}

/* S of --seconds: a number, 0 < S <= MAX_SECONDS. */
static int parse_seconds(const char *text, double *seconds)
{
    char *end;
    double s = strtod(text, &end);
    if (end == text || *end != '\0' || !isfinite(s) || !(s > 0 && s <= MAX_SECONDS))
        return cli_error("speed", "--seconds: '%s' is not a number of seconds "
                         "above 0 and at most %d", text, MAX_SECONDS);
    *seconds = s;
    return 0;
}

/* The entry's figure: calls (or MB) per second, or a median time in ms. */
static double measure(const speed_workload *w, void *state, double seconds)
{
    if (w->kind == SPEED_MEDIAN_MS) {
        double ms[SPEED_MEDIAN_CALLS];
        for (int i = 0; i < SPEED_MEDIAN_CALLS; i++)
            ms[i] = speed_time_ms(w->run, state);
        speed_sort(ms, SPEED_MEDIAN_CALLS);
        return ms[SPEED_MEDIAN_CALLS / 2];
    }
    double rate = speed_rate(w->run, state, seconds);
    return w->bytes > 0 ? rate * (double)w->bytes / 1e6 : rate;
}

static int run_row(const speed_workload *w, double seconds)
{
    void *state = w->start(w);
    if (state == NULL)
        return cli_error("speed", "%s: out of memory", w->row);
    double figure = measure(w, state, seconds);
    w->stop(state);
    const char *unit = w->kind == SPEED_MEDIAN_MS ? "ms"
                       : w->bytes > 0             ? "MB/s"
                                                  : "op/s";
    char path[64];
    printf("  %-18s %-28s %11.1f %-5s  %s\n", w->name, w->row, figure, unit,
           speed_path(w, path, sizeof path));
    fflush(stdout);
    return 0;
}

int cmd_speed(int argc, char **argv)
{
    const char *seconds_text = NULL;
    int portable = 0, list = 0;
    const cli_option options[] = {
        CLI_TEXT("seconds", 's', &seconds_text),
        CLI_FLAG("portable", 'p', &portable),
        CLI_FLAG("list", 'l', &list),
    };
    int status = CLI_PARSE_OPTIONS("speed", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    double seconds = DEFAULT_SECONDS;
    if (seconds_text != NULL && parse_seconds(seconds_text, &seconds) != 0)
        return 1;
    if (list) {
        if (optind < argc || seconds_text != NULL || portable)
            return cli_error("speed", "--list goes alone (see seetls speed --help)");
        list_algorithms();
        return 0;
    }
    char names[512];
    for (int i = optind; i < argc; i++)
        if (!known_algorithm(argv[i]))
            return cli_error("speed", "unknown algorithm '%s'; the algorithms: %s",
                             argv[i], all_names(names, sizeof names));
    /* before any key is set: a key keeps the path chosen when it was set */
    if (portable)
        cpu_force_portable(1);

    printf("seetls speed: each figure is the best of %d runs over %.2f s%s\n",
           SPEED_RUNS, seconds, cpu_has(CPU_AES) || cpu_has(CPU_CLMUL) ||
                                cpu_has(CPU_SHA256) || cpu_has(CPU_SIMD)
                                ? "" : ", portable code");
    printf("  %-18s %-28s %17s  %s\n", "algorithm", "row", "figure", "path");
    for (size_t k = 0; k < SPEED_COUNT; k++) {
        const speed_workload *w = &speed_workloads[k];
        int chosen = optind == argc;
        for (int i = optind; i < argc && !chosen; i++)
            chosen = strcmp(argv[i], w->name) == 0;
        if (chosen && run_row(w, seconds) != 0)
            return 1;
    }
    return 0;
}
