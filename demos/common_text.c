/* common_text.c: the demos' common words (see common_text.h). */
#include "demos/common_text.h"

#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

int demo_usage(const char *usage, int opt)
{
    fputs(usage, opt == 'h' ? stdout : stderr);
    return opt == 'h' ? 0 : 2;
}

int demo_no_operands(const char *program, int argc, char *const *argv)
{
    if (optind == argc)
        return 0;
    fprintf(stderr, "%s: unexpected argument '%s'\n", program, argv[optind]);
    return 2;
}

void demo_seeded_banner(const char *program, const char *seed)
{
    printf("%s: seeded randomness (\"%s\"): INSECURE, for class only\n", program, seed);
}

void demo_heading(const char *text)
{
    if (isatty(STDOUT_FILENO))
        printf("\n\033[1m%s\033[0m\n", text);
    else
        printf("\n%s\n", text);
}
