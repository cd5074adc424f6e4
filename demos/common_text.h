/*
 * common_text.h: what every demo's main says the same way: its usage on
 * --help or a wrong option, a stray argument refused, the warning that its
 * randomness is seeded, and a section heading (bold on a terminal).
 *
 * Built once (demos/common_text.c) and linked into every demo.
 */
#ifndef SEETLS_DEMOS_COMMON_TEXT_H
#define SEETLS_DEMOS_COMMON_TEXT_H

/* After getopt_long returned opt for --help ('h') or a wrong option: the
 * usage on standard output for --help (exit status 0), on standard error
 * otherwise (2). Returns that status. */
int demo_usage(const char *usage, int opt);

/* 0 if no argument is left after the options (optind == argc); otherwise
 * "PROGRAM: unexpected argument 'ARG'" on standard error, and 2. */
int demo_no_operands(const char *program, int argc, char *const *argv);

/* "PROGRAM: seeded randomness ("SEED"): INSECURE, for class only". */
void demo_seeded_banner(const char *program, const char *seed);

/* A blank line, then text, in bold when standard output is a terminal. */
void demo_heading(const char *text);

#endif
