/*
 * fuzz_client_hello.c: the ClientHello decoder (handshake/client_hello.c)
 * on arbitrary bytes (the message body), through fuzz_message: no crash,
 * no read outside the input, every field it points at lies inside the
 * input, the session id has at most 32 bytes and the suites are whole
 * (RFC 5246 7.4.1.2), the host name fits, the supported groups are whole
 * and not none (RFC 8422 5.1.1), and what it accepts encodes
 * again (not always to the same bytes: unknown extensions are skipped).
 */
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/message.h"

static see_status decode(reader *body, void *m)
{
    return client_hello_decode(body, m);
}

static see_status encode(writer *w, const void *m)
{
    return client_hello_encode(w, m);
}

static void check(const void *msg)
{
    const client_hello *m = msg;
    input_inside(m->cipher_suites, m->cipher_suites_len);
    input_inside(m->compression_methods, m->compression_methods_len);
    input_inside(m->ext.sig_algs, m->ext.sig_algs_len);
    input_inside(m->ext.renegotiated_connection,
                 m->ext.renegotiated_connection_len);
    input_inside(m->ext.groups, m->ext.groups_len);
    if (m->session_id_len > 32 || m->cipher_suites_len % 2 != 0 ||
        strlen(m->ext.host_name) > TLS_MAX_SERVER_NAME ||
        m->ext.groups_len % 2 != 0 ||
        (m->ext.supported_groups && m->ext.groups_len < 2))
        abort();
    /* a host name decoded is one of 1..255 bytes, from a server_name there */
    if (m->ext.server_name &&
        (m->ext.host_name[0] == '\0' ||
         (m->ext.seen & extension_bit(TLS_EXT_SERVER_NAME)) == 0))
        abort();
}

static const message_codec codec = { decode, encode, check, 0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    client_hello m;
    fuzz_message(data, size, &m, &codec);
    return 0;
}
