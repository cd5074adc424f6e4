/*
 * fuzz_finished.c: the Finished (and ServerHelloDone) decoder
 * (handshake/finished.c) on arbitrary bytes (the message body). Nothing
 * may crash or read outside the input (it is copied to an exact-size heap
 * buffer for AddressSanitizer), and what it accepts encodes back to the
 * very same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/messages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t again[1 << 17];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    reader r;
    reader_init(&r, copy, size);
    finished_msg m;
    if (finished_decode(&r, &m) == SEE_OK) {
        writer w;
        writer_init(&w, again, sizeof again);
        if (size != 12 || finished_encode(&w, &m) != SEE_OK ||
            memcmp(again + 4, copy, size) != 0)
            abort();
    }
    reader_init(&r, copy, size);
    if ((server_hello_done_decode(&r) == SEE_OK) != (size == 0))
        abort();
    free(copy);
    return 0;
}
