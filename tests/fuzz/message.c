/*
 * message.c: decode, check, encode again, compare: the body of every
 * handshake message target (see message.h).
 */
#include "tests/fuzz/message.h"

#include <stdlib.h>
#include <string.h>

/* Large enough for any body the fuzzer makes (-max_len) plus the header. */
static uint8_t again[1 << 17];

static void check_encoding(const message_codec *codec, const void *msg,
                           const uint8_t *body, size_t size)
{
    writer w;
    writer_init(&w, again, sizeof again);
    if (codec->encode(&w, msg) != SEE_OK)
        abort();
    if (codec->same_bytes &&
        (w.len != size + 4 || memcmp(again + 4, body, size) != 0))
        abort();
}

void fuzz_message(const uint8_t *data, size_t size, void *msg,
                  const message_codec *codec)
{
    uint8_t *copy = input_copy(data, size);
    if (copy == NULL)
        return;
    reader body;
    reader_init(&body, copy, size);
    if (codec->decode(&body, msg) == SEE_OK) {
        if (codec->check != NULL)
            codec->check(msg);
        check_encoding(codec, msg, copy, size);
    }
    free(copy);
}
