/*
 * feed.h: a transport for the fuzz targets that gives the input to the
 * code under test in chunks of a chosen size (so every partial read
 * happens) and swallows what it writes. Included by fuzz_record.c and
 * peer.c (the handshake targets).
 */
#ifndef SEETLS_FUZZ_FEED_H
#define SEETLS_FUZZ_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "handshake/transport.h"

typedef struct {
    const uint8_t *data;
    size_t len, pos, chunk;
} feed;

static see_status feed_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    feed *f = ctx;
    if (f->pos == f->len)
        return SEE_ERR_TLS_CLOSED;
    size_t n = f->len - f->pos;
    if (n > cap)
        n = cap;
    if (n > f->chunk)
        n = f->chunk;
    memcpy(buf, f->data + f->pos, n);
    f->pos += n;
    *got = n;
    return SEE_OK;
}

static see_status feed_write(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return SEE_OK;
}

#endif
