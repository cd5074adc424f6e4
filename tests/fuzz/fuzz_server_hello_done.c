/*
 * fuzz_server_hello_done.c: the ServerHelloDone decoder
 * (handshake/server_hello_done.c) on arbitrary bytes (the message body):
 * only the empty body is accepted, nothing is read outside the input, and
 * the encoding is the 4-byte header alone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/messages.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = input_copy(data, size);
    if (copy == NULL)
        return 0;
    reader r;
    reader_init(&r, copy, size);
    see_status st = server_hello_done_decode(&r);
    if ((st == SEE_OK) != (size == 0) || (st != SEE_OK && st != SEE_ERR_TLS_DECODE))
        abort();
    uint8_t out[4];
    writer w;
    writer_init(&w, out, sizeof out);
    if (server_hello_done_encode(&w) != SEE_OK || w.len != 4 ||
        memcmp(out, "\x0e\x00\x00\x00", 4) != 0)
        abort();
    free(copy);
    return 0;
}
