/*
 * main.c: build/slides, every numeric example of the course slides
 * recomputed and checked.
 *
 *   build/slides list             the examples
 *   build/slides NAME ...         run some
 *   build/slides all              run every one (keysize with a short
 *                                 bound unless --max-seconds is given)
 *   --step                        pause before each step (Enter continues)
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "slides_examples/slides.h"

/* In `all`, the chart must not hold the class up for minutes. */
#define KEYSIZE_SECONDS_IN_ALL 1.0

static void usage(FILE *out)
{
    fprintf(out,
            "usage: slides [--step] [--max-seconds S] [--svg FILE] "
            "list | all | NAME...\n\n"
            "Recomputes every numeric example of the slides with seetls's own\n"
            "code, step by step, and marks each value the slide states as\n"
            "'checked', or prints an ERRATUM line with the slide's value and\n"
            "the computed one.\n\n"
            "  --step           pause before each step; Enter continues (only\n"
            "                   when standard input is a terminal)\n"
            "  --max-seconds S  keysize: stop each curve when one measurement\n"
            "                   takes S seconds (default 10; %.0f in 'all')\n"
            "  --svg FILE       keysize: write the chart there (default\n"
            "                   keysize.svg beside this program: build/)\n"
            "  -h, --help       this text\n", KEYSIZE_SECONDS_IN_ALL);
}

static void list(void)
{
    for (size_t i = 0; i < SLIDE_EXAMPLE_COUNT; i++)
        printf("%-12s %s\n", SLIDE_EXAMPLES[i].name, SLIDE_EXAMPLES[i].title);
}

/* The chart's default place: keysize.svg beside this program (build/),
 * wherever it is started from; in the current folder when the program's
 * own path cannot be read (no /proc). */
static void default_svg_path(char *out, size_t cap)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || (size_t)n >= sizeof self - 1) {
        snprintf(out, cap, "keysize.svg");
        return;
    }
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash != NULL)
        *slash = '\0';
    snprintf(out, cap, "%s/keysize.svg", slash != NULL ? self : ".");
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        { "step", no_argument, NULL, 's' },
        { "max-seconds", required_argument, NULL, 'm' },
        { "svg", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    slide_ctx ctx;
    slide_ctx_init(&ctx, stdout);
    static char svg_path[4200];
    default_svg_path(svg_path, sizeof svg_path);
    ctx.svg_path = svg_path;
    ctx.styled = isatty(STDOUT_FILENO);
    ctx.in_is_terminal = isatty(STDIN_FILENO);
    int max_seconds_given = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (opt) {
        case 's':
            ctx.step_mode = 1;
            break;
        case 'm': {
            char *end;
            double s = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(s > 0.0) || s > 3600.0) {
                fprintf(stderr, "slides: --max-seconds: want a number of "
                                "seconds in (0, 3600], got '%s'\n", optarg);
                return 2;
            }
            ctx.max_seconds = s;
            max_seconds_given = 1;
            break;
        }
        case 'o':
            ctx.svg_path = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[optind], "list") == 0) {
        list();
        return 0;
    }
    /* Every name first, so a typo fails before anything runs. */
    int run_all = strcmp(argv[optind], "all") == 0;
    for (int i = optind; !run_all && i < argc; i++)
        if (slide_find(argv[i]) == NULL) {
            fprintf(stderr, "slides: unknown example '%s' (try: slides "
                            "list)\n", argv[i]);
            return 2;
        }
    int failed = 0;
    if (run_all) {
        if (!max_seconds_given)
            ctx.max_seconds = KEYSIZE_SECONDS_IN_ALL;
        for (size_t i = 0; i < SLIDE_EXAMPLE_COUNT; i++)
            failed |= slide_run(&ctx, &SLIDE_EXAMPLES[i]) != 0;
    } else {
        for (int i = optind; i < argc; i++)
            failed |= slide_run(&ctx, slide_find(argv[i])) != 0;
    }
    printf("slides: %u values checked, %u errata%s\n", ctx.checked,
           ctx.errata, failed ? ", and a computation FAILED" : "");
    return failed ? 1 : 0;
}
