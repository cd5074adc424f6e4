/* message.c: what every handshake message shares: the 4-byte header (RFC
 * 5246 7.4) and the names of the types. */
#include "handshake/messages.h"

const char *hs_type_name(uint8_t type)
{
    switch (type) {
    case HS_HELLO_REQUEST: return "HelloRequest";
    case HS_CLIENT_HELLO: return "ClientHello";
    case HS_SERVER_HELLO: return "ServerHello";
    case HS_CERTIFICATE: return "Certificate";
    case HS_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case HS_CERTIFICATE_REQUEST: return "CertificateRequest";
    case HS_SERVER_HELLO_DONE: return "ServerHelloDone";
    case HS_CERTIFICATE_VERIFY: return "CertificateVerify";
    case HS_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case HS_FINISHED: return "Finished";
    default: return "unknown handshake message";
    }
}

see_status hs_message_split(const uint8_t *msg, size_t len, uint8_t *type,
                            reader *body)
{
    reader r;
    reader_init(&r, msg, len);
    uint32_t body_len;
    TRY_DECODE(reader_u8(&r, type));
    TRY_DECODE(reader_u24(&r, &body_len));
    TRY_DECODE(reader_sub(&r, body_len, body));
    TRY_DECODE(reader_expect_end(&r));
    return SEE_OK;
}

see_status hs_begin(writer *w, uint8_t type, size_t *mark)
{
    TRY(writer_u8(w, type));
    return writer_open_length(w, 3, mark);
}

see_status hs_end(writer *w, size_t mark)
{
    return writer_close_length(w, 3, mark);
}
