/*
 * fuzz_finished.c: the Finished decoder (handshake/finished.c) on
 * arbitrary bytes (the message body), through fuzz_message: no crash, no
 * read outside the input, and what it accepts (12 bytes of verify_data)
 * encodes back to the very same bytes.
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return finished_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return finished_encode(w, m);
}

static const message_codec codec = { decode, encode, NULL, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    finished_msg m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
