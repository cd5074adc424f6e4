/*
 * slides.c: the list of examples and the printing, pausing and checking
 * they share. See slides.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slides_examples/slides.h"

const slide_example SLIDE_EXAMPLES[] = {
    { "wires", "Wiring every computer to every other: O(n^2) wires",
      example_wires },
    { "subst", "Substitution cipher: the table, I LOVE TLS, and a break "
               "by letter frequencies", example_subst },
    { "factor", "Factoring N = p * q: 143, 8633, 175,828,273",
      example_factor },
    { "rsa", "RSA with p = 3, q = 5: Alice's 12 strands of hair",
      example_rsa },
    { "signature", "Digital signature with Bob's keys (23, 15) and (7, 15)",
      example_signature },
    { "hash", "Hash properties: fixed size, a flipped bit changes half",
      example_hash },
    { "certificate", "The certificate (PUB, h(PUB), c): toy key, then 2048 "
                     "bits", example_certificate },
    { "dh", "Diffie-Hellman with g = 5, p = 23, a = 6, b = 15", example_dh },
    { "sizes", "Sizes: 2048 bits, the premaster secret, RB, RS and the "
               "session keys", example_sizes },
    { "ca-price", "What certificates cost: 40 of them at $1,000 to $5,000",
      example_ca_price },
    { "keysize", "Why big keys: time to break RSA and Diffie-Hellman by "
                 "size (chart)", example_keysize },
};

const size_t SLIDE_EXAMPLE_COUNT =
    sizeof SLIDE_EXAMPLES / sizeof SLIDE_EXAMPLES[0];

void slide_ctx_init(slide_ctx *ctx, FILE *out)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->out = out;
    ctx->in = stdin;
    ctx->max_seconds = 10.0;
    ctx->svg_path = "keysize.svg"; /* the program puts it beside itself */
}

const slide_example *slide_find(const char *name)
{
    for (size_t i = 0; i < SLIDE_EXAMPLE_COUNT; i++)
        if (strcmp(SLIDE_EXAMPLES[i].name, name) == 0)
            return &SLIDE_EXAMPLES[i];
    return NULL;
}

static void heading(slide_ctx *ctx, const char *text)
{
    if (ctx->styled)
        fprintf(ctx->out, "\033[1m%s\033[0m\n", text);
    else
        fprintf(ctx->out, "%s\n", text);
}

int slide_run(slide_ctx *ctx, const slide_example *ex)
{
    unsigned checked0 = ctx->checked, errata0 = ctx->errata;
    ctx->steps = 0;
    char line[256];
    snprintf(line, sizeof line, "== %s: %s ==", ex->name, ex->title);
    heading(ctx, line);
    int status = ex->run(ctx);
    if (status != 0)
        fprintf(ctx->out, "FAILED %s: %s\n", ex->name,
                status < SEE_STATUS_COUNT ? see_strerror((see_status)status)
                                          : "computation failed");
    fprintf(ctx->out, "-- %s: %u checked, %u errata\n\n", ex->name,
            ctx->checked - checked0, ctx->errata - errata0);
    fflush(ctx->out);
    return status;
}

void slide_show_claims(slide_ctx *ctx, const char *where,
                       const slide_claim *claims, size_t count)
{
    fprintf(ctx->out, "The slides (%s) state:\n", where);
    for (size_t i = 0; i < count; i++) {
        /* One sentence may state several values: quote it once. */
        int repeated = 0;
        for (size_t j = 0; j < i; j++)
            repeated |= strcmp(claims[j].wording, claims[i].wording) == 0;
        if (!repeated)
            fprintf(ctx->out, "  \"%s\"\n", claims[i].wording);
    }
}

const slide_claim *slide_claim_find(const slide_claim *claims, size_t count,
                                    const char *what)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(claims[i].what, what) == 0)
            return &claims[i];
    return NULL;
}

void slide_step(slide_ctx *ctx, const char *format, ...)
{
    ctx->steps++;
    if (ctx->step_mode && ctx->in_is_terminal) {
        fprintf(ctx->out, "  [Enter for step %u]", ctx->steps);
        fflush(ctx->out);
        int c;
        while ((c = fgetc(ctx->in)) != EOF && c != '\n')
            ;
    }
    char text[512];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    char line[600];
    snprintf(line, sizeof line, "Step %u: %s", ctx->steps, text);
    heading(ctx, line);
}

void slide_say(slide_ctx *ctx, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("    ", ctx->out);
    vfprintf(ctx->out, format, args);
    fputc('\n', ctx->out);
    va_end(args);
}

int slide_check(slide_ctx *ctx, const slide_claim *claims, size_t count,
                const char *what, const char *computed)
{
    const slide_claim *claim = slide_claim_find(claims, count, what);
    const char *stated = claim != NULL ? claim->value : "(no such claim)";
    /* On a terminal: green for agreement, bold red for an erratum. */
    const char *on_ok = ctx->styled ? "\033[32m" : "";
    const char *on_bad = ctx->styled ? "\033[1;31m" : "";
    const char *off = ctx->styled ? "\033[0m" : "";
    if (claim != NULL && strcmp(stated, computed) == 0) {
        ctx->checked++;
        fprintf(ctx->out, "  %schecked%s  %s = %s\n", on_ok, off, what,
                computed);
        return 1;
    }
    ctx->errata++;
    fprintf(ctx->out, "%sERRATUM%s %s: the slide says %s, computed %s\n",
            on_bad, off, what, stated, computed);
    return 0;
}

int slide_check_mpz(slide_ctx *ctx, const slide_claim *claims, size_t count,
                    const char *what, const mpz_t computed)
{
    char *text = mpz_get_str(NULL, 10, computed);
    int agreed = slide_check(ctx, claims, count, what, text);
    void (*gmp_free)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gmp_free);
    gmp_free(text, strlen(text) + 1);
    return agreed;
}

int slide_check_ul(slide_ctx *ctx, const slide_claim *claims, size_t count,
                   const char *what, unsigned long computed)
{
    char text[32];
    snprintf(text, sizeof text, "%lu", computed);
    return slide_check(ctx, claims, count, what, text);
}

double slide_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}
