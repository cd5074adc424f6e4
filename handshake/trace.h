/*
 * trace.h: what the handshake tells the world about itself.
 *
 * The protocol code never prints. Each value worth showing in class (RB,
 * RS, PS, C_B, I_B, a FINISHED MAC, a record's sequence number, ...) is
 * reported as one trace event, under the name the slides give it, to a
 * callback the program supplies. So is each check, by the side that makes
 * it, with its verdict ("good", or "FAILED" and why, emitted before the
 * error returns): CERTIFICATE CHECK, SIGNATURE CHECK, FINISHED CHECK, and
 * MAC CHECK for every protected record read (its bytes the sequence
 * number). Demos and the CLI render the events; tests collect them; a NULL
 * callback ignores them.
 *
 * Events are numbered 1, 2, 3, ... in the order a tracer emits them (the
 * "step"). The bytes are valid only during the callback: copy what you
 * keep. Secrets are traced too (that is the point of the class demo), so a
 * program that logs events must treat its log as secret.
 */
#ifndef SEETLS_TRACE_H
#define SEETLS_TRACE_H

#include <stddef.h>
#include <stdint.h>

/* Who sent or computed a value. */
typedef enum {
    TRACE_CLIENT = 0, /* the slides' browser, B */
    TRACE_SERVER = 1  /* the slides' server, S */
} trace_party;

typedef struct {
    unsigned step;        /* 1, 2, 3, ... per tracer */
    trace_party sender;   /* who sent (or computed) the value */
    const char *name;     /* the slides' name: "RB", "PS", "I_B", "SEQ" ... */
    const uint8_t *bytes; /* the value (may be NULL when len is 0) */
    size_t len;
    const char *explain;  /* one line of English, no newline */
} trace_event;

typedef void trace_fn(void *ctx, const trace_event *event);

typedef struct {
    trace_fn *fn;  /* NULL: events are dropped */
    void *ctx;
    unsigned step; /* the number of the last event emitted */
} tracer;

/* Deliver events to fn(ctx, event); fn may be NULL. */
void trace_init(tracer *t, trace_fn *fn, void *ctx);

/* Whether anyone listens (t is not NULL and has a callback): an event whose
 * explanation costs work to write (a per-record one) is only made then. */
static inline int trace_wanted(const tracer *t)
{
    return t != NULL && t->fn != NULL;
}

/* Emit one event (t may be NULL: nothing happens). */
void trace_emit(tracer *t, trace_party sender, const char *name,
                const uint8_t *bytes, size_t len, const char *explain);

/* Emit a number as its 8 big-endian bytes (sequence numbers). */
void trace_emit_u64(tracer *t, trace_party sender, const char *name,
                    uint64_t value, const char *explain);

/* "client" or "server". */
const char *trace_party_name(trace_party p);

#endif
