/*
 * fuzz_alert.c: the alert decoder (handshake/alert.c) and the handshake
 * message header split on arbitrary bytes: no crash, no over-read, and
 * what is accepted encodes back to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/alert.h"
#include "handshake/messages.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = input_copy(data, size);
    if (copy == NULL)
        return 0;
    alert_msg a;
    if (alert_decode(copy, size, &a) == SEE_OK) {
        uint8_t out[2];
        writer w;
        writer_init(&w, out, sizeof out);
        if (size != 2 || alert_encode(&w, &a) != SEE_OK ||
            memcmp(out, copy, 2) != 0 || alert_name(a.description) == NULL)
            abort();
    }
    uint8_t type;
    reader body;
    if (hs_message_split(copy, size, &type, &body) == SEE_OK &&
        (reader_remaining(&body) + 4 != size || hs_type_name(type) == NULL))
        abort();
    free(copy);
    return 0;
}
