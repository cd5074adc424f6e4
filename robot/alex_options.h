/*
 * alex_options.h: what alex-client and alex-server share in reading their
 * command lines: a whole-number option within its range, refused with the
 * value given and the range ("alex-server: --port 70000 is out of range
 * 0-65535").
 */
#ifndef SEETLS_ALEX_OPTIONS_H
#define SEETLS_ALEX_OPTIONS_H

/* TEXT, the value of --NAME, as a whole number from min to max into *out.
 * Otherwise one line on standard error, "PROGRAM: --NAME TEXT is not a
 * whole number (MIN-MAX)" or "PROGRAM: --NAME TEXT is out of range
 * MIN-MAX", and -1 (*out untouched). */
int alex_option_int(const char *program, const char *name, const char *text,
                    int min, int max, int *out);

#endif
