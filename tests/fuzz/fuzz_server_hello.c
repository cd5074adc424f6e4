/*
 * fuzz_server_hello.c: the ServerHello decoder (handshake/server_hello.c)
 * on arbitrary bytes (the message body), through fuzz_message: no crash,
 * no read outside the input, the renegotiation info lies inside the
 * input, the session id has at most 32 bytes and the compression is null
 * (RFC 5246 7.4.1.3), and what it accepts encodes again (not always to the
 * same bytes: unknown extensions are skipped).
 */
#include <stdlib.h>

#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return server_hello_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return server_hello_encode(w, m);
}

static void check(const void *msg)
{
    const server_hello *m = msg;
    input_inside(m->ext.renegotiated_connection,
                 m->ext.renegotiated_connection_len);
    if (m->session_id_len > 32 || m->compression_method != 0)
        abort();
    /* RFC 6066 3: a ServerHello's server_name is empty, names no host */
    if (m->ext.server_name)
        abort();
}

static const message_codec codec = { decode, encode, check, 0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    server_hello m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
