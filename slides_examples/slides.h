/*
 * slides.h: the framework behind build/slides, the program that recomputes
 * every numeric example of the course slides with the project's own code.
 *
 * Each example (one ex_<name>.c file) keeps what the slides claim in one
 * table of slide_claim, with the slide's wording, and never the answers:
 * it computes every value step by step, then calls slide_check, which
 * prints
 *
 *     checked  A = 5^6 mod 23 = 8
 *
 * when the computation agrees with the slide, or
 *
 *     ERRATUM c = 3^23 mod 15: the slide says 2, computed 12
 *
 * when it does not. Errata are findings, not failures: an example fails
 * (returns non-zero) only when a computation itself fails.
 *
 * Everything is written to ctx->out, so the unit tests run an example into
 * a memory stream and read its lines.
 */
#ifndef SEETLS_SLIDES_H
#define SEETLS_SLIDES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gmp.h>

#include "core/error.h"

typedef struct {
    FILE *out;            /* where everything goes */
    FILE *in;             /* where --step waits for Enter */
    int step_mode;        /* --step: pause before each step */
    int in_is_terminal;   /* pause only when a person can press Enter */
    int styled;           /* out is a terminal: bold headings */
    double max_seconds;   /* keysize: the time bound per measurement */
    const char *svg_path; /* keysize: where the chart goes */
    unsigned steps;       /* steps shown by the current example */
    unsigned checked;     /* values that agreed with the slides */
    unsigned errata;      /* values that did not */
} slide_ctx;

/* What a slide states: a short label of the value ("A = 5^6 mod 23"), the
 * value as the slide writes it ("8"), and the slide's own words. */
typedef struct {
    const char *what;
    const char *value;
    const char *wording;
} slide_claim;

/* An example: its name on the command line, a title, where in the slides
 * it is, and the function that runs it (0, or the status that failed). */
typedef struct {
    const char *name;
    const char *title;
    int (*run)(slide_ctx *ctx);
} slide_example;

extern const slide_example SLIDE_EXAMPLES[];
extern const size_t SLIDE_EXAMPLE_COUNT;

/* Plain text to out, no pauses, keysize defaults (10 s, build/keysize.svg). */
void slide_ctx_init(slide_ctx *ctx, FILE *out);

/* The example called name, or NULL. */
const slide_example *slide_find(const char *name);

/* Run one example: its heading, its body, its tally. Returns its status. */
int slide_run(slide_ctx *ctx, const slide_example *ex);

/* The slide's claims, as the slide words them, before any computing. */
void slide_show_claims(slide_ctx *ctx, const char *where,
                       const slide_claim *claims, size_t count);

/* The claim labelled what (NULL if the table has none: a bug). */
const slide_claim *slide_claim_find(const slide_claim *claims, size_t count,
                                    const char *what);

/* A numbered step; with --step, waits for Enter first (only when stdin
 * is a terminal: never blocks otherwise). */
void slide_step(slide_ctx *ctx, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* One indented line of explanation or working. */
void slide_say(slide_ctx *ctx, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Compare a computed value with the claim labelled what: "checked" or
 * "ERRATUM" line; returns 1 if they agree. An unknown label counts as an
 * erratum with the slide value "(no such claim)". */
int slide_check(slide_ctx *ctx, const slide_claim *claims, size_t count,
                const char *what, const char *computed);
int slide_check_mpz(slide_ctx *ctx, const slide_claim *claims, size_t count,
                    const char *what, const mpz_t computed);
int slide_check_ul(slide_ctx *ctx, const slide_claim *claims, size_t count,
                   const char *what, unsigned long computed);

/* Shorthands for an example whose table is the array CLAIMS. */
#define CLAIMS_COUNT (sizeof CLAIMS / sizeof CLAIMS[0])
#define SHOW_CLAIMS(ctx, where) slide_show_claims(ctx, where, CLAIMS, CLAIMS_COUNT)
#define CHECK(ctx, what, s) slide_check(ctx, CLAIMS, CLAIMS_COUNT, what, s)
#define CHECK_MPZ(ctx, what, z) slide_check_mpz(ctx, CLAIMS, CLAIMS_COUNT, what, z)
#define CHECK_UL(ctx, what, v) slide_check_ul(ctx, CLAIMS, CLAIMS_COUNT, what, v)

/*
 * base^exp mod m by left-to-right square-and-multiply, every squaring and
 * multiplication shown as a line (powm_steps.c). The result is the plain
 * GMP-free arithmetic of the slides, for small numbers: base, exp and m
 * must fit in 32 bits (then every product fits in 64). SEE_ERR_ARGUMENT
 * otherwise or if m < 2. The result, below m, fits any unsigned long.
 */
see_status slide_powm_steps(slide_ctx *ctx, unsigned long *result,
                            uint64_t base, uint64_t exp, uint64_t m);

/* Seconds on a monotonic clock, for timing the attacks. */
double slide_now(void);

/* The example bodies (ex_*.c). */
int example_subst(slide_ctx *ctx);
int example_factor(slide_ctx *ctx);
int example_rsa(slide_ctx *ctx);
int example_signature(slide_ctx *ctx);
int example_hash(slide_ctx *ctx);
int example_certificate(slide_ctx *ctx);
int example_dh(slide_ctx *ctx);
int example_sizes(slide_ctx *ctx);
int example_ca_price(slide_ctx *ctx);
int example_keysize(slide_ctx *ctx);
int example_wires(slide_ctx *ctx);

#endif
