/*
 * server_hello.c: ServerHello, RFC 5246 7.4.1.3.
 *
 *   struct {
 *       ProtocolVersion server_version;            03 03
 *       Random random;                             RS, 32 bytes
 *       SessionID session_id;                      <0..32>
 *       CipherSuite cipher_suite;
 *       CompressionMethod compression_method;      0 (null)
 *       select (extensions_present) { Extension extensions<0..2^16-1>; };
 *   } ServerHello;
 */
#include "handshake/messages.h"

#include <string.h>

see_status server_hello_encode(writer *w, const server_hello *m)
{
    ENSURE(m->session_id_len <= TLS_MAX_SESSION_ID, SEE_ERR_ARGUMENT);
    size_t msg;
    TRY(hs_begin(w, HS_SERVER_HELLO, &msg));
    TRY(writer_u16(w, m->server_version));
    TRY(writer_bytes(w, m->random, sizeof m->random));
    TRY(writer_vector(w, 1, m->session_id, m->session_id_len));
    TRY(writer_u16(w, m->cipher_suite));
    TRY(writer_u8(w, m->compression_method));
    TRY(extensions_encode(w, &m->ext));
    return hs_end(w, msg);
}

see_status server_hello_decode(reader *body, server_hello *m)
{
    memset(m, 0, sizeof *m);
    reader vec;
    TRY_DECODE(reader_u16(body, &m->server_version));
    TRY_DECODE(reader_copy(body, m->random, sizeof m->random));
    TRY_DECODE(reader_vector(body, 1, &vec));
    m->session_id_len = reader_remaining(&vec);
    ENSURE(m->session_id_len <= TLS_MAX_SESSION_ID, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_copy(&vec, m->session_id, m->session_id_len));
    TRY_DECODE(reader_u16(body, &m->cipher_suite));
    TRY_DECODE(reader_u8(body, &m->compression_method));
    TRY(extensions_decode(body, HS_SERVER_HELLO, &m->ext));
    /* We offer only null compression (7.4.1.3: the server picks one of
     * the client's). */
    ENSURE(m->compression_method == 0, SEE_ERR_TLS_ILLEGAL_PARAMETER);
    return SEE_OK;
}
