/* bytes.c: the bounded reader and writer (see bytes.h). */
#include "core/bytes.h"

#include <string.h>

void reader_init(reader *r, const uint8_t *data, size_t len)
{
    r->data = data;
    r->len = len;
    r->pos = 0;
}

size_t reader_remaining(const reader *r)
{
    return r->len - r->pos;
}

int reader_at_end(const reader *r)
{
    return r->pos == r->len;
}

/* Read an n-byte big-endian unsigned integer, n <= 8. */
static see_status reader_uint(reader *r, size_t n, uint64_t *v)
{
    ENSURE(reader_remaining(r) >= n, SEE_ERR_TRUNCATED);
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++)
        x = x << 8 | r->data[r->pos + i];
    r->pos += n;
    *v = x;
    return SEE_OK;
}

see_status reader_u8(reader *r, uint8_t *v)
{
    uint64_t x;
    TRY(reader_uint(r, 1, &x));
    *v = (uint8_t)x;
    return SEE_OK;
}

see_status reader_u16(reader *r, uint16_t *v)
{
    uint64_t x;
    TRY(reader_uint(r, 2, &x));
    *v = (uint16_t)x;
    return SEE_OK;
}

see_status reader_u24(reader *r, uint32_t *v)
{
    uint64_t x;
    TRY(reader_uint(r, 3, &x));
    *v = (uint32_t)x;
    return SEE_OK;
}

see_status reader_u32(reader *r, uint32_t *v)
{
    uint64_t x;
    TRY(reader_uint(r, 4, &x));
    *v = (uint32_t)x;
    return SEE_OK;
}

see_status reader_u64(reader *r, uint64_t *v)
{
    return reader_uint(r, 8, v);
}

see_status reader_bytes(reader *r, size_t n, const uint8_t **out)
{
    ENSURE(reader_remaining(r) >= n, SEE_ERR_TRUNCATED);
    *out = r->data + r->pos;
    r->pos += n;
    return SEE_OK;
}

see_status reader_copy(reader *r, uint8_t *out, size_t n)
{
    const uint8_t *p;
    TRY(reader_bytes(r, n, &p));
    if (n)
        memcpy(out, p, n);
    return SEE_OK;
}

see_status reader_sub(reader *r, size_t n, reader *sub)
{
    const uint8_t *p;
    TRY(reader_bytes(r, n, &p));
    reader_init(sub, p, n);
    return SEE_OK;
}

see_status reader_vector(reader *r, int width, reader *sub)
{
    ENSURE(width >= 1 && width <= 3, SEE_ERR_ARGUMENT);
    /* Read on a copy, so that a vector whose body is cut short leaves the
     * reader before its length prefix, as every other failed get does. */
    reader probe = *r;
    uint64_t n;
    TRY(reader_uint(&probe, (size_t)width, &n));
    TRY(reader_sub(&probe, (size_t)n, sub));
    *r = probe;
    return SEE_OK;
}

see_status reader_expect_end(const reader *r)
{
    return reader_at_end(r) ? SEE_OK : SEE_ERR_TRAILING;
}

void writer_init(writer *w, uint8_t *data, size_t cap)
{
    w->data = data;
    w->cap = cap;
    w->len = 0;
}

see_status writer_reserve(writer *w, size_t n, uint8_t **out)
{
    ENSURE(w->cap - w->len >= n, SEE_ERR_BUFFER_SMALL);
    *out = w->data + w->len;
    w->len += n;
    return SEE_OK;
}

static see_status writer_uint(writer *w, size_t n, uint64_t v)
{
    uint8_t *p;
    TRY(writer_reserve(w, n, &p));
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    return SEE_OK;
}

see_status writer_u8(writer *w, uint8_t v)   { return writer_uint(w, 1, v); }
see_status writer_u16(writer *w, uint16_t v) { return writer_uint(w, 2, v); }
see_status writer_u24(writer *w, uint32_t v) { return writer_uint(w, 3, v); }
see_status writer_u32(writer *w, uint32_t v) { return writer_uint(w, 4, v); }
see_status writer_u64(writer *w, uint64_t v) { return writer_uint(w, 8, v); }

see_status writer_bytes(writer *w, const void *data, size_t n)
{
    uint8_t *p;
    TRY(writer_reserve(w, n, &p));
    if (n)
        memcpy(p, data, n);
    return SEE_OK;
}

see_status writer_text(writer *w, const char *text)
{
    return writer_bytes(w, text, strlen(text));
}

see_status writer_open_length(writer *w, int width, size_t *mark)
{
    ENSURE(width >= 1 && width <= 3, SEE_ERR_ARGUMENT);
    *mark = w->len;
    return writer_uint(w, (size_t)width, 0);
}

see_status writer_close_length(writer *w, int width, size_t mark)
{
    ENSURE(width >= 1 && width <= 3, SEE_ERR_ARGUMENT);
    size_t body = w->len - mark - (size_t)width;
    ENSURE(body < ((size_t)1 << (8 * width)), SEE_ERR_ARGUMENT);
    for (int i = 0; i < width; i++)
        w->data[mark + (size_t)i] = (uint8_t)(body >> (8 * (width - 1 - i)));
    return SEE_OK;
}

see_status writer_vector(writer *w, int width, const void *data, size_t n)
{
    size_t mark;
    TRY(writer_open_length(w, width, &mark));
    TRY(writer_bytes(w, data, n));
    return writer_close_length(w, width, mark);
}
