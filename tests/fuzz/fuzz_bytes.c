/*
 * fuzz_bytes.c: the bounded reader driven by fuzz-chosen operations.
 *
 * The input is split in two: the first byte says where; the bytes before
 * the split are a program (one operation per byte, some taking a length
 * from the next byte), the bytes after it are the data being read, copied
 * into a buffer of exactly its size so that any read past it is caught.
 * Sub-readers and vectors push a reader on a small stack; an operation may
 * pop back to the parent. After every operation the invariants are
 * checked: the position never passes the end, a failed get moves nothing
 * and fails only with the documented status, a successful one advances by
 * exactly its size and points inside the data. Everything read is also
 * written through a writer of fuzz-chosen capacity, which must refuse
 * rather than overflow.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"

#define DEPTH 8

static const uint8_t *data_start, *data_end;

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_inside(const uint8_t *p, size_t n)
{
    check(p >= data_start && p <= data_end && (size_t)(data_end - p) >= n);
}

/* One reader operation. need is how many bytes it takes on success. */
static see_status run_op(reader *r, uint8_t op, uint8_t arg, reader *child,
                         int *pushed, size_t *need, writer *w)
{
    uint8_t b8; uint16_t b16; uint32_t b32; uint64_t b64;
    const uint8_t *p = NULL;
    uint8_t copy[256];
    see_status st;
    *pushed = 0;
    switch (op % 11) {
    case 0: *need = 1; st = reader_u8(r, &b8);
        if (st == SEE_OK) writer_u8(w, b8);
        return st;
    case 1: *need = 2; st = reader_u16(r, &b16);
        if (st == SEE_OK) writer_u16(w, b16);
        return st;
    case 2: *need = 3; st = reader_u24(r, &b32);
        if (st == SEE_OK) { check(b32 < (1u << 24)); writer_u24(w, b32); }
        return st;
    case 3: *need = 4; st = reader_u32(r, &b32);
        if (st == SEE_OK) writer_u32(w, b32);
        return st;
    case 4: *need = 8; st = reader_u64(r, &b64);
        if (st == SEE_OK) writer_u64(w, b64);
        return st;
    case 5: *need = arg; st = reader_bytes(r, arg, &p);
        if (st == SEE_OK) { check_inside(p, arg); writer_bytes(w, p, arg); }
        return st;
    case 6: *need = arg; st = reader_copy(r, copy, arg);
        if (st == SEE_OK) writer_bytes(w, copy, arg);
        return st;
    case 7: *need = arg; st = reader_sub(r, arg, child);
        if (st == SEE_OK) {
            check_inside(child->data, child->len);
            check(child->len == arg && child->pos == 0);
            *pushed = 1;
        }
        return st;
    case 8: {
        int width = 1 + arg % 3;
        size_t before = r->pos;
        st = reader_vector(r, width, child);
        if (st == SEE_OK) {
            check_inside(child->data, child->len);
            check(r->pos == before + (size_t)width + child->len);
            *need = (size_t)width + child->len;
            *pushed = 1;
        } else {
            *need = (size_t)width; /* at least; checked as a failure only */
        }
        return st;
    }
    case 9:
        *need = 0;
        st = reader_expect_end(r);
        check((st == SEE_OK) == (reader_remaining(r) == 0));
        check(st == SEE_OK || st == SEE_ERR_TRAILING);
        return st;
    default: {
        /* an open/close length pair around nothing */
        size_t mark;
        int width = 1 + arg % 3;
        size_t before = w->len;
        if (writer_open_length(w, width, &mark) == SEE_OK) {
            check(w->len == before + (size_t)width);
            check(writer_close_length(w, width, mark) == SEE_OK);
        } else {
            check(w->len == before);
        }
        *need = 0;
        return SEE_OK;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
    if (size < 2)
        return 0;
    size_t split = 1 + input[0] % size;
    const uint8_t *prog = input + 1;
    size_t prog_len = split - 1;
    size_t data_len = size - split;

    uint8_t *data = malloc(data_len ? data_len : 1);
    check(data != NULL);
    memcpy(data, input + split, data_len);
    data_start = data;
    data_end = data + data_len;

    size_t cap = prog_len > 0 ? (size_t)prog[0] * 4 : 64;
    uint8_t *out = malloc(cap ? cap : 1);
    check(out != NULL);
    writer w;
    writer_init(&w, out, cap);

    reader stack[DEPTH];
    int top = 0;
    reader_init(&stack[0], data, data_len);

    for (size_t i = 0; i < prog_len; i++) {
        uint8_t op = prog[i];
        uint8_t arg = i + 1 < prog_len ? prog[i + 1] : 0;
        if (op >= 0xf0) {                 /* pop back to the parent */
            if (top > 0)
                top--;
            continue;
        }
        reader *r = &stack[top];
        reader before = *r;
        reader child;
        int pushed = 0;
        size_t need = 0, writer_before = w.len;
        see_status st = run_op(r, op, arg, &child, &pushed, &need, &w);

        check(r->data == before.data && r->len == before.len);
        check(r->pos <= r->len);
        if (st == SEE_OK) {
            check(r->pos == before.pos + need);
        } else {
            check(r->pos == before.pos);  /* a failed get moves nothing */
            check(st == SEE_ERR_TRUNCATED || st == SEE_ERR_TRAILING);
            if (st == SEE_ERR_TRUNCATED)
                check(reader_remaining(&before) < need ||
                      op % 11 == 8);      /* a vector's body may be short */
        }
        check(w.len <= w.cap && w.len >= writer_before);
        if (pushed && top + 1 < DEPTH)
            stack[++top] = child;
        if (op % 11 >= 5 && op % 11 <= 8)
            i++;                          /* the length byte was used */
    }
    free(out);
    free(data);
    return 0;
}
