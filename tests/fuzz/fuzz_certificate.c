/*
 * fuzz_certificate.c: the Certificate decoder (handshake/certificate.c) on
 * arbitrary bytes (the message body), through fuzz_message: no crash, no
 * read outside the input, every certificate it points at lies inside the
 * input, and what it accepts encodes back to the very same bytes.
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return certificate_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return certificate_encode(w, m);
}

static void check(const void *msg)
{
    const certificate_msg *m = msg;
    for (size_t i = 0; i < m->count; i++)
        input_inside(m->cert[i], m->cert_len[i]);
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    certificate_msg m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
