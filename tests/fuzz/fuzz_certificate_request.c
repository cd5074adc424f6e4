/*
 * fuzz_certificate_request.c: the CertificateRequest decoder
 * (handshake/certificate_request.c) on arbitrary bytes (the message body),
 * through fuzz_message: no crash, no read outside the input, every field
 * it points at lies inside the input, and what it accepts encodes back to
 * the very same bytes.
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return certificate_request_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return certificate_request_encode(w, m);
}

static void check(const void *msg)
{
    const certificate_request *m = msg;
    input_inside(m->certificate_types, m->certificate_types_len);
    input_inside(m->sig_algs, m->sig_algs_len);
    input_inside(m->authorities, m->authorities_len);
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    certificate_request m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
