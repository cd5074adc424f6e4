/*
 * message.h: the one shape of the handshake message targets. The input is
 * a message body (RFC 5246 7.4, without the 4-byte header); fuzz_message
 * copies it (input_copy) and gives it to the decoder. When the decoder
 * accepts it, the target's own check runs on the fields (input_inside for
 * every pointer, limits the standard sets), then the message must encode
 * again, and where the encoding is canonical, to the header followed by
 * the very input. Any failure is an abort(). Built once
 * (tests/fuzz/message.c) and linked into every target.
 *
 * A target writes two small adapters with the void pointers message_codec
 * takes, which name its decoder and encoder, and a codec:
 *
 *     static const message_codec codec = { decode, encode, check, 1 };
 *     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
 *     {
 *         finished_msg m;
 *         fuzz_message(data, size, &m, &codec);
 *         return 0;
 *     }
 */
#ifndef SEETLS_FUZZ_MESSAGE_H
#define SEETLS_FUZZ_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/messages.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    see_status (*decode)(reader *body, void *msg);
    see_status (*encode)(writer *w, const void *msg);
    void (*check)(const void *msg);     /* NULL: nothing beyond the rest */
    int same_bytes;     /* 1: encodes to the header and the input again */
} message_codec;

/* Decodes data into *msg (the codec's message type) and checks as above. */
void fuzz_message(const uint8_t *data, size_t size, void *msg,
                  const message_codec *codec);

#endif
