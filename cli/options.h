/*
 * options.h: a subcommand's options as a table, read by one getopt_long
 * loop, so that each cli/cmd_*.c states only which options it has and
 * where each one's value goes.
 *
 *     const char *key_hex = NULL;
 *     const cli_option options[] = {
 *         CLI_TEXT("key", 'k', &key_hex),
 *     };
 *     int status = CLI_PARSE_OPTIONS("hmac", help, options, argc, argv);
 *     if (status != CLI_GO_ON)
 *         return status;
 *     ... argv[optind] onwards are the operands ...
 *
 * Every command then answers alike: --help (or -h) prints its help text on
 * standard output (exit 0); an unknown option, or one without its value, is
 * a usage error (exit 2); an option whose value is refused (CLI_SIZE out of
 * range, a CLI_CALL that fails) has printed why (exit 1).
 */
#ifndef SEETLS_CLI_OPTIONS_H
#define SEETLS_CLI_OPTIONS_H

#include <getopt.h> /* optind: where the operands start */
#include <stddef.h>

/* What a command returns from cli_parse_options to go on. Exit statuses
 * are never negative, so this is never one of them. */
#define CLI_GO_ON (-1)

/* A CLI_CALL option's action on its value. Returns 0, or nonzero after
 * printing why (exit 1). */
typedef int cli_option_fn(void *ctx, const char *value);

/* One option. Write it with the macros below, which set exactly one kind
 * of target; the fields are the parser's. */
typedef struct {
    const char *name;       /* the long name, without "--" */
    char letter;            /* its short form (-k), or 0 for none */
    const char **text;      /* CLI_TEXT: the value (the last one given wins) */
    int *flag;              /* CLI_FLAG, CLI_SET, CLI_ONE_OF: set to `value` */
    int value;
    const char *conflict;   /* CLI_ONE_OF: the error when another was chosen */
    size_t *size;           /* CLI_SIZE: a whole number 0..max */
    size_t max;
    cli_option_fn *call;    /* CLI_CALL: call(ctx, value) */
    void *ctx;
    int bare;               /* 1: takes no value (the flags) */
} cli_option;

/* --NAME VALUE: *target = VALUE. */
#define CLI_TEXT(name, letter, target) \
    {(name), (letter), .text = (target)}
/* --NAME: *target = 1. */
#define CLI_FLAG(name, letter, target) \
    {(name), (letter), .flag = (target), .value = 1, .bare = 1}
/* --NAME: *target = v (two options choosing between values of one int). */
#define CLI_SET(name, letter, target, v) \
    {(name), (letter), .flag = (target), .value = (v), .bare = 1}
/* --NAME: *target = v, unless another CLI_ONE_OF option of the same target
 * has set it to another value: then the error "seetls CMD: CONFLICT" (exit
 * 1). The target starts at 0, none chosen. */
#define CLI_ONE_OF(name, letter, target, v, conflict_message)               \
    {(name), (letter), .flag = (target), .value = (v),                     \
     .conflict = (conflict_message), .bare = 1}
/* --NAME N: *target = N, read by cli_parse_size (so its messages). */
#define CLI_SIZE(name, letter, target, maximum) \
    {(name), (letter), .size = (target), .max = (maximum)}
/* --NAME VALUE: fn(ctx, VALUE), at its place among the options (so a
 * refusal comes before any later option is read, as it always did). */
#define CLI_CALL(name, letter, fn, context) \
    {(name), (letter), .call = (fn), .ctx = (context)}

/* How a usage error (an unknown option, a missing value) is told. */
typedef enum {
    CLI_USAGE_HELP, /* getopt's own line, then the help text, on stderr */
    CLI_USAGE_LINE, /* one line: "seetls CMD: unknown option '--x' (see
                     * seetls CMD --help)", or "--x needs a value (...)" */
} cli_usage_style;

/* The most options one command may have (besides --help). */
#define CLI_MAX_OPTIONS 32

/* Read the options of argv (argv[0] is the command's name) in order, each
 * into its target, with --help/-h added to every table. Returns CLI_GO_ON
 * with optind at the first operand, or the exit status the command should
 * return. getopt_long may reorder argv to put the operands last. */
int cli_parse_options(const char *command, const char *help,
                      cli_usage_style usage, const cli_option *options,
                      size_t count, int argc, char **argv);

/* The usual call: usage errors told by getopt and the help text. */
#define CLI_PARSE_OPTIONS(command, help, options, argc, argv)              \
    cli_parse_options((command), (help), CLI_USAGE_HELP, (options),        \
                      sizeof(options) / sizeof((options)[0]), (argc), (argv))

/* For commands that take no operands: 0 when optind == argc, else prints
 * "seetls COMMAND: unexpected argument 'X'" and returns 1. */
int cli_refuse_operands(const char *command, int argc, char **argv);

#endif
