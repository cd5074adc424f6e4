/* options.c: one getopt_long loop for every subcommand (see options.h). */
#include "cli/options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

/* getopt_long returns an option's short letter, or this plus its index in
 * the table (above every letter), so a long-only option is found too. */
#define LONG_ONLY_BASE 256

/* The tables getopt_long reads, made from ours: each option's long form,
 * and the short letters ("k:" for one with a value), --help and -h last. */
typedef struct {
    struct option longs[CLI_MAX_OPTIONS + 2];
    char shorts[3 * CLI_MAX_OPTIONS + 3];
} getopt_tables;

static void build_tables(const cli_option *options, size_t count,
                         cli_usage_style usage, getopt_tables *t)
{
    size_t n = 0;
    if (usage == CLI_USAGE_LINE)
        t->shorts[n++] = ':'; /* a missing value returns ':', not '?' */
    for (size_t i = 0; i < count; i++) {
        const cli_option *o = &options[i];
        int has_arg = o->bare ? no_argument : required_argument;
        t->longs[i] = (struct option){o->name, has_arg, NULL,
                                      LONG_ONLY_BASE + (int)i};
        if (o->letter != 0) {
            t->shorts[n++] = o->letter;
            if (!o->bare)
                t->shorts[n++] = ':';
        }
    }
    t->longs[count] = (struct option){"help", no_argument, NULL, 'h'};
    t->longs[count + 1] = (struct option){NULL, 0, NULL, 0};
    t->shorts[n++] = 'h';
    t->shorts[n] = '\0';
}

/* The option getopt_long returned, or NULL for an unknown one. */
static const cli_option *find_option(const cli_option *options, size_t count,
                                     int opt)
{
    if (opt >= LONG_ONLY_BASE && (size_t)(opt - LONG_ONLY_BASE) < count)
        return &options[opt - LONG_ONLY_BASE];
    for (size_t i = 0; i < count; i++)
        if (options[i].letter != 0 && options[i].letter == opt)
            return &options[i];
    return NULL;
}

/* A flag; a CLI_ONE_OF refuses a second choice that differs from the
 * first. */
static int set_flag(const char *command, const cli_option *o)
{
    if (o->conflict != NULL && *o->flag != 0 && *o->flag != o->value)
        return cli_error(command, "%s", o->conflict);
    *o->flag = o->value;
    return 0;
}

/* Put one option's value where it goes: 0, or 1 when it is refused (the
 * reason printed). */
static int apply_option(const char *command, const cli_option *o,
                        const char *value)
{
    if (o->text != NULL)
        *o->text = value;
    else if (o->flag != NULL)
        return set_flag(command, o);
    else if (o->size != NULL)
        return cli_parse_size(command, o->name, value, o->max, o->size) != 0;
    else if (o->call != NULL)
        return o->call(o->ctx, value) != 0;
    return 0;
}

/* An unknown option or a missing value: exit status 2. In the getopt
 * style getopt has already named the option (opterr). */
static int usage_error(const char *command, const char *help,
                       cli_usage_style usage, int opt, char **argv)
{
    if (usage == CLI_USAGE_HELP) {
        fputs(help, stderr);
        return 2;
    }
    const char *given = argv[optind - 1];
    if (opt == ':')
        return 2 * cli_error(command, "%s needs a value (see seetls %s --help)",
                             given, command);
    return 2 * cli_error(command, "unknown option '%s' (see seetls %s --help)",
                         given, command);
}

int cli_parse_options(const char *command, const char *help,
                      cli_usage_style usage, const cli_option *options,
                      size_t count, int argc, char **argv)
{
    if (count > CLI_MAX_OPTIONS)
        abort(); /* a command's table outgrew CLI_MAX_OPTIONS */
    getopt_tables t;
    build_tables(options, count, usage, &t);
    optind = 1;
    opterr = usage == CLI_USAGE_HELP;
    int opt;
    while ((opt = getopt_long(argc, argv, t.shorts, t.longs, NULL)) != -1) {
        if (opt == 'h') {
            fputs(help, stdout);
            return 0;
        }
        const cli_option *o = find_option(options, count, opt);
        if (o == NULL)
            return usage_error(command, help, usage, opt, argv);
        if (apply_option(command, o, optarg) != 0)
            return 1;
    }
    return CLI_GO_ON;
}

int cli_refuse_operands(const char *command, int argc, char **argv)
{
    if (optind < argc)
        return cli_error(command, "unexpected argument '%s'", argv[optind]);
    return 0;
}
