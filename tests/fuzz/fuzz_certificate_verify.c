/*
 * fuzz_certificate_verify.c: the CertificateVerify decoder
 * (handshake/certificate_verify.c) on arbitrary bytes (the message body).
 * Nothing may crash or read outside the input (it is copied to an exact-
 * size heap buffer for AddressSanitizer); every field it points at lies
 * inside the input; and what it accepts encodes back to the very same
 * bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/messages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *start, *end;

static void inside(const uint8_t *p, size_t n)
{
    if (n > 0 && (p < start || p > end || n > (size_t)(end - p)))
        abort();
}

static uint8_t again[1 << 17];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    start = copy;
    end = copy + size;
    reader r;
    reader_init(&r, copy, size);
    signed_part m;
    if (certificate_verify_decode(&r, &m) == SEE_OK) {
        inside(m.sig, m.sig_len);
        writer w;
        writer_init(&w, again, sizeof again);
        if (certificate_verify_encode(&w, &m) != SEE_OK || w.len != size + 4 ||
            memcmp(again + 4, copy, size) != 0)
            abort();
    }
    free(copy);
    return 0;
}
