/*
 * fuzz_certificate_verify.c: the CertificateVerify decoder
 * (handshake/certificate_verify.c) on arbitrary bytes (the message body),
 * through fuzz_message: no crash, no read outside the input, the signature
 * it points at lies inside the input, and what it accepts encodes back to
 * the very same bytes.
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return certificate_verify_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return certificate_verify_encode(w, m);
}

static void check(const void *msg)
{
    const signed_part *m = msg;
    input_inside(m->sig, m->sig_len);
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    signed_part m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
