/*
 * client_hello.c: ClientHello, RFC 5246 7.4.1.2.
 *
 *   struct {
 *       ProtocolVersion client_version;            03 03
 *       Random random;                             RB, 32 bytes
 *       SessionID session_id;                      <0..32>
 *       CipherSuite cipher_suites<2..2^16-2>;
 *       CompressionMethod compression_methods<1..2^8-1>;
 *       select (extensions_present) { Extension extensions<0..2^16-1>; };
 *   } ClientHello;
 */
#include "handshake/messages.h"

#include <string.h>

see_status client_hello_encode(writer *w, const client_hello *m)
{
    ENSURE(m->session_id_len <= TLS_MAX_SESSION_ID, SEE_ERR_ARGUMENT);
    ENSURE(m->cipher_suites_len >= 2 && m->cipher_suites_len % 2 == 0,
           SEE_ERR_ARGUMENT);
    ENSURE(m->compression_methods_len >= 1, SEE_ERR_ARGUMENT);
    size_t msg;
    TRY(hs_begin(w, HS_CLIENT_HELLO, &msg));
    TRY(writer_u16(w, m->client_version));
    TRY(writer_bytes(w, m->random, sizeof m->random));
    TRY(writer_vector(w, 1, m->session_id, m->session_id_len));
    TRY(writer_vector(w, 2, m->cipher_suites, m->cipher_suites_len));
    TRY(writer_vector(w, 1, m->compression_methods, m->compression_methods_len));
    TRY(extensions_encode(w, &m->ext));
    return hs_end(w, msg);
}

see_status client_hello_decode(reader *body, client_hello *m)
{
    memset(m, 0, sizeof *m);
    reader vec;
    TRY_DECODE(reader_u16(body, &m->client_version));
    TRY_DECODE(reader_copy(body, m->random, sizeof m->random));

    TRY_DECODE(reader_vector(body, 1, &vec));
    m->session_id_len = reader_remaining(&vec);
    ENSURE(m->session_id_len <= TLS_MAX_SESSION_ID, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_copy(&vec, m->session_id, m->session_id_len));

    TRY_DECODE(reader_vector(body, 2, &vec));
    m->cipher_suites_len = reader_remaining(&vec);
    ENSURE(m->cipher_suites_len >= 2 && m->cipher_suites_len % 2 == 0,
           SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&vec, m->cipher_suites_len, &m->cipher_suites));

    TRY_DECODE(reader_vector(body, 1, &vec));
    m->compression_methods_len = reader_remaining(&vec);
    ENSURE(m->compression_methods_len >= 1, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&vec, m->compression_methods_len,
                            &m->compression_methods));

    return extensions_decode(body, HS_CLIENT_HELLO, &m->ext);
}

int client_hello_offers_suite(const client_hello *m, uint16_t suite)
{
    reader r;
    reader_init(&r, m->cipher_suites, m->cipher_suites_len);
    uint16_t s;
    while (reader_u16(&r, &s) == SEE_OK)
        if (s == suite)
            return 1;
    return 0;
}

int client_hello_offers_null_compression(const client_hello *m)
{
    for (size_t i = 0; i < m->compression_methods_len; i++)
        if (m->compression_methods[i] == 0)
            return 1;
    return 0;
}
