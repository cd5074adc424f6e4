/*
 * main.c: build/seetls, the command-line front end. Like openssl, it is one
 * program with subcommands; each lives in cli/cmd_<name>.c and is listed in
 * cli/commands.def.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/bignum.h"

typedef struct {
    const char *name;
    cli_command_fn *run;
    const char *summary;
} command;

static const command commands[] = {
#define COMMAND(name, fn, summary) {name, fn, summary},
#include "cli/commands.def"
#undef COMMAND
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: seetls COMMAND [OPTIONS]   (seetls COMMAND --help for each)\n\n"
                 "A readable implementation of the cryptography and the TLS 1.2\n"
                 "handshake taught in class.\n\ncommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "seetls: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
