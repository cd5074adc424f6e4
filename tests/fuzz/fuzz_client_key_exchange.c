/*
 * fuzz_client_key_exchange.c: the ClientKeyExchange decoder
 * (handshake/client_key_exchange.c) on arbitrary bytes (the message body),
 * through fuzz_message: no crash, no read outside the input, the exchange
 * value it points at lies inside the input, and what it accepts encodes
 * back to the very same bytes. The last input byte, mod 3, picks the form
 * the decoder expects: RSA's encrypted premaster secret, DHE's Yc (RFC
 * 5246 7.4.7) or ECDHE's point with its 1-byte length (RFC 8422 5.7).
 */
#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    cke_kind kind = body->len > 0 ? (cke_kind)(body->data[body->len - 1] % 3)
                                  : CKE_RSA;
    return client_key_exchange_decode(body, kind, m);
}

static see_status encode(writer *w, const void *m)
{
    return client_key_exchange_encode(w, m);
}

static void check(const void *msg)
{
    const client_key_exchange *m = msg;
    input_inside(m->exchange, m->exchange_len);
}

static const message_codec codec = { decode, encode, check, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    client_key_exchange m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
