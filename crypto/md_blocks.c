/* md_blocks.c: 64-byte blocks and FIPS 180-4's padding (md_blocks.h). */
#include "crypto/md_blocks.h"

#include <string.h>

#include "core/util.h"

void md_blocks_init(md_blocks *b)
{
    b->total_bytes = 0;
    b->buffered = 0;
}

void md_blocks_update(md_blocks *b, uint32_t *state, md_compress_fn *compress,
                      const void *data, size_t len)
{
    /* data may be NULL with a length of 0, which memcpy must never see. */
    if (len == 0)
        return;
    const uint8_t *p = data;
    b->total_bytes += len;

    /* Top up a partial block first. */
    if (b->buffered > 0) {
        size_t take = MD_BLOCK_SIZE - b->buffered;
        if (take > len)
            take = len;
        memcpy(b->buffer + b->buffered, p, take);
        b->buffered += take;
        p += take;
        len -= take;
        if (b->buffered < MD_BLOCK_SIZE)
            return;
        compress(state, b->buffer, 1);
        b->buffered = 0;
    }
    /* Whole blocks straight from the caller's memory. */
    size_t whole = len / MD_BLOCK_SIZE;
    if (whole > 0)
        compress(state, p, whole);
    p += whole * MD_BLOCK_SIZE;
    len -= whole * MD_BLOCK_SIZE;
    /* Keep the tail for later. */
    if (len > 0) {
        memcpy(b->buffer, p, len);
        b->buffered = len;
    }
}

void md_blocks_final(md_blocks *b, uint32_t *state, md_compress_fn *compress)
{
    /* FIPS 180-4 5.1.1: append a 1 bit, then zeros until the length is 448
     * mod 512 bits, then the message length in bits as 64 bits. */
    uint64_t bit_length = b->total_bytes * 8;
    size_t n = b->buffered;

    b->buffer[n++] = 0x80;
    if (n > MD_BLOCK_SIZE - 8) {
        memset(b->buffer + n, 0, MD_BLOCK_SIZE - n);
        compress(state, b->buffer, 1);
        n = 0;
    }
    memset(b->buffer + n, 0, MD_BLOCK_SIZE - 8 - n);
    see_store64_be(b->buffer + MD_BLOCK_SIZE - 8, bit_length);
    compress(state, b->buffer, 1);
    see_wipe(b, sizeof *b);
}
