/*
 * cli.h: what every seetls subcommand shares: the command signature, error
 * reporting in one line, and reading files, hex and numbers from options.
 */
#ifndef SEETLS_CLI_H
#define SEETLS_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* A subcommand: argv[0] is its name. Returns the process exit status. */
typedef int cli_command_fn(int argc, char **argv);

#define COMMAND(name, fn, summary) cli_command_fn fn;
#include "cli/commands.def"
#undef COMMAND

/* Print "seetls NAME: message" to stderr; returns 1 (the usual exit). */
int cli_error(const char *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Read a whole file ("-" is standard input) into a new malloc'd buffer
 * (each smaller buffer it outgrows is wiped: the file may hold a secret).
 * On error, prints "seetls COMMAND: PATH: reason" and returns -1. */
int cli_read_file(const char *command, const char *path, uint8_t **data,
                  size_t *len);

/* Feed a whole file ("-" is standard input) to update(ctx, piece, n) in
 * 64 KiB pieces, so that files larger than memory work too; the piece
 * buffer is wiped afterwards (the file may be a secret). On error prints
 * "seetls COMMAND: PATH: reason" and returns 1; else 0. */
typedef void cli_update_fn(void *ctx, const void *data, size_t len);
int cli_stream_file(const char *command, const char *path,
                    cli_update_fn *update, void *ctx);

/* Write len bytes to a file ("-" or NULL is standard output). Prints the
 * error and returns -1 on failure. */
int cli_write_file(const char *command, const char *path, const void *data,
                   size_t len);

/* Parse the hex value of option --NAME into a new malloc'd buffer. Prints
 * "seetls COMMAND: --NAME: odd number of hex digits" (etc.) on error. */
int cli_parse_hex(const char *command, const char *option, const char *hex,
                  uint8_t **out, size_t *out_len);

/* Parse a non-negative decimal integer no larger than max. */
int cli_parse_size(const char *command, const char *option, const char *text,
                   size_t max, size_t *out);

/* Print s as lower-case hex followed by a newline on standard output. */
void cli_print_hex(const uint8_t *data, size_t len);

#endif
