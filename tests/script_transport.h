/*
 * script_transport.h: a transport whose peer says bytes written in
 * advance: a script. The unit tests (test_record, test_tls_strict) and the
 * fuzz targets (fuzz_record, the handshake peers) feed the record layer
 * and the handshake through it.
 *
 * Reads give the script in pieces of at most `chunk` bytes (so every
 * partial read happens), then SEE_ERR_TLS_CLOSED. Writes are counted, kept
 * in `out` when keep_output is set, and all fail with fail_with once it is
 * set. Header-only (static inline): the unit tests and the fuzz targets
 * are linked apart, and neither needs all of it.
 */
#ifndef SEETLS_TESTS_SCRIPT_TRANSPORT_H
#define SEETLS_TESTS_SCRIPT_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/transport.h"

typedef struct {
    const uint8_t *in;     /* what the peer says */
    size_t in_len, in_pos;
    size_t chunk;          /* the most one read gives; 0: no limit */
    uint8_t *said;         /* script_say's copy, which `in` then is */
    int keep_output;       /* 1: keep what is written in out */
    uint8_t *out;
    size_t out_len, out_cap;
    see_status fail_with;  /* SEE_OK, or what every write returns */
    int writes;            /* writes attempted */
} script;

static inline see_status script_read(void *ctx, uint8_t *buf, size_t cap,
                                     size_t *got)
{
    script *s = ctx;
    if (s->in_pos == s->in_len)
        return SEE_ERR_TLS_CLOSED;
    size_t n = s->in_len - s->in_pos;
    if (n > cap)
        n = cap;
    if (s->chunk != 0 && n > s->chunk)
        n = s->chunk;
    memcpy(buf, s->in + s->in_pos, n);
    s->in_pos += n;
    *got = n;
    return SEE_OK;
}

/* Grow a test's buffer; a test out of memory stops there. */
static inline uint8_t *script_grow(uint8_t *buf, size_t size)
{
    uint8_t *p = realloc(buf, size);
    if (p == NULL)
        abort();
    return p;
}

static inline see_status script_write(void *ctx, const uint8_t *buf, size_t len)
{
    script *s = ctx;
    s->writes++;
    if (s->fail_with != SEE_OK)
        return s->fail_with;
    if (!s->keep_output)
        return SEE_OK;
    if (s->out_len + len > s->out_cap) {
        s->out_cap = 2 * (s->out_len + len);
        s->out = script_grow(s->out, s->out_cap);
    }
    memcpy(s->out + s->out_len, buf, len);
    s->out_len += len;
    return SEE_OK;
}

/* An empty script (the peer says what script_say adds), and t over it. */
static inline void script_init(script *s, transport *t)
{
    memset(s, 0, sizeof *s);
    *t = (transport){ s, script_read, script_write, NULL };
}

/* A script of the len bytes at in (not copied: they must outlive it), read
 * in pieces of at most chunk bytes, what is written swallowed. */
static inline void script_play(script *s, transport *t, const uint8_t *in,
                               size_t len, size_t chunk)
{
    script_init(s, t);
    s->in = in;
    s->in_len = len;
    s->chunk = chunk;
}

/* Append bytes to what the peer will say. */
static inline void script_say(script *s, const uint8_t *bytes, size_t len)
{
    int played = s->in != s->said; /* script_play's bytes, not yet copied */
    s->said = script_grow(s->said, s->in_len + len + 1);
    if (played && s->in_len > 0)
        memcpy(s->said, s->in, s->in_len);
    memcpy(s->said + s->in_len, bytes, len);
    s->in = s->said;
    s->in_len += len;
}

/* A handshake message as records of type 22 (TLS 1.2), a new record every
 * `cut` bytes: the peer's way of fragmenting (RFC 5246 6.2.1). */
static inline void script_say_message(script *s, const uint8_t *msg, size_t len,
                                      size_t cut)
{
    for (size_t at = 0; at < len; at += cut) {
        size_t n = len - at < cut ? len - at : cut;
        uint8_t header[5] = { 22, 3, 3, (uint8_t)(n >> 8), (uint8_t)n };
        script_say(s, header, sizeof header);
        script_say(s, msg + at, n);
    }
}

static inline void script_free(script *s)
{
    free(s->said);
    free(s->out);
    s->said = s->out = NULL;
}

#endif
