/* fuzz_der.c: walk any input as nested DER, reading every element with the
 * typed reader its tag calls for; nothing may crash, hang or read past. */
#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(der_reader *d)
{
    while (!der_at_end(d)) {
        uint8_t tag;
        der_reader c;
        der_reader copy = *d;
        if (der_peek_tag(d, &tag) != SEE_OK)
            return;
        /* Read primitives with their own reader, from a copy. */
        const uint8_t *p;
        size_t n;
        unsigned unused;
        int b;
        int64_t t;
        mpz_t x;
        switch (tag) {
        case DER_INTEGER:
            mpz_init(x);
            der_read_integer(&copy, x);
            mpz_clear(x);
            break;
        case DER_BOOLEAN: der_read_boolean(&copy, &b); break;
        case DER_BIT_STRING: der_read_bit_string(&copy, &p, &n, &unused); break;
        case DER_OID: {
            char text[64];
            if (der_read_oid(&copy, &p, &n) == SEE_OK)
                der_oid_to_text(p, n, text, sizeof text);
            break;
        }
        case DER_UTC_TIME: case DER_GENERALIZED_TIME: der_read_time(&copy, &t); break;
        default: der_read_string(&copy, &tag, &p, &n); break;
        }
        if (der_read_any(d, &tag, &c, NULL, NULL) != SEE_OK)
            return;
        if (tag & 0x20) /* constructed: go inside */
            walk(&c);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    der_context ctx;
    der_reader d;
    der_reader_init(&d, &ctx, data, size);
    walk(&d);

    /* And the writer must reproduce a valid element it read. */
    der_reader_init(&d, &ctx, data, size);
    der_reader c;
    const uint8_t *raw;
    size_t raw_len;
    uint8_t tag;
    if (der_read_any(&d, &tag, &c, &raw, &raw_len) == SEE_OK && !(tag & 0x20)) {
        static uint8_t out[1 << 16];
        der_writer w;
        size_t len;
        der_writer_init(&w, out, sizeof out);
        der_write_tlv(&w, tag, c.r.data, c.r.len);
        if (der_writer_finish(&w, &len) == SEE_OK &&
            (len != raw_len || __builtin_memcmp(out, raw, len) != 0))
            __builtin_trap();
    }
    return 0;
}
