/*
 * fuzz_server_hello.c: the ServerHello decoder (handshake/server_hello.c)
 * on arbitrary bytes (the message body). Nothing may crash or read outside
 * the input (it is copied to an exact-size heap buffer for
 * AddressSanitizer); every field it points at lies inside the input; and
 * what it accepts encodes again.
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
    server_hello m;
    if (server_hello_decode(&r, &m) == SEE_OK) {
        inside(m.ext.renegotiated_connection, m.ext.renegotiated_connection_len);
        if (m.session_id_len > 32 || m.compression_method != 0)
            abort();
        writer w;
        writer_init(&w, again, sizeof again);
        if (server_hello_encode(&w, &m) != SEE_OK)
            abort();
    }
    free(copy);
    return 0;
}
