/*
 * websocket.c: RFC 6455 for a server, and the client's side a test
 * client needs (what is accepted and why: websocket.h). The frame reader
 * follows the diagram of 5.2 from its first byte to the payload, one
 * function per field:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   | |1|2|3|       |K|             |                               |
 *   +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *   |     Extended payload length continued, if payload len == 127  |
 *   + - - - - - - - - - - - - - - - +-------------------------------+
 *   |                               |Masking-key, if MASK set to 1  |
 *   +-------------------------------+-------------------------------+
 *   | Masking-key (continued)       |          Payload Data         |
 *   +-------------------------------- - - - - - - - - - - - - - - - +
 */
#include "codec/websocket.h"

#include <stdio.h>
#include <string.h>

#include "codec/base64.h"
#include "crypto/sha1.h"

/* ------------------------------------------------------- handshake --- */

/* RFC 6455 4.2.1 items 1-5: a GET in HTTP/1.1 (Host: http.c made sure of
 * it) with Upgrade: websocket and Connection: Upgrade, both tokens of a
 * list, compared case-insensitively. */
static int asks_for_websocket(const http_request *req)
{
    return http_span_equals_nocase(req->method, "GET") && req->version_minor == 1 &&
           http_field_has_token(req, "Upgrade", "websocket") &&
           http_field_has_token(req, "Connection", "Upgrade");
}

/* 4.2.1 item 6: Sec-WebSocket-Version 13, once. */
static see_status check_version(const http_request *req)
{
    const http_span *v = http_field_value(req, "Sec-WebSocket-Version");
    ENSURE(v != NULL && http_field_count_named(req, "Sec-WebSocket-Version") == 1 &&
           http_span_equals_nocase(*v, "13"), SEE_ERR_WS_VERSION);
    return SEE_OK;
}

/* 4.2.1 item 5: Sec-WebSocket-Key, once, "a base64-encoded value that,
 * when decoded, is 16 bytes in length": 24 characters ending in "==". */
static see_status check_key(const http_request *req, http_span *key)
{
    const http_span *v = http_field_value(req, "Sec-WebSocket-Key");
    ENSURE(v != NULL && http_field_count_named(req, "Sec-WebSocket-Key") == 1 &&
           v->len == WS_KEY_LEN, SEE_ERR_WS_KEY);
    uint8_t bytes[WS_KEY_BYTES + 2];
    size_t n = 0;
    ENSURE(see_base64_decode(v->ptr, v->len, bytes, sizeof bytes, &n) == SEE_OK &&
           n == WS_KEY_BYTES, SEE_ERR_WS_KEY);
    *key = *v;
    return SEE_OK;
}

void ws_accept_value(const char *key, size_t key_len, char accept[WS_ACCEPT_LEN + 1])
{
    uint8_t digest[SHA1_DIGEST_SIZE];
    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, key, key_len);
    sha1_update(&ctx, WS_GUID, strlen(WS_GUID));
    sha1_final(&ctx, digest);
    see_base64_encode(digest, sizeof digest, accept);
}

see_status ws_check_handshake(const http_request *req, ws_handshake *hs)
{
    memset(hs, 0, sizeof *hs);
    ENSURE(asks_for_websocket(req), SEE_ERR_WS_NOT_UPGRADE);
    TRY(check_version(req));
    TRY(check_key(req, &hs->key));
    const http_span *origin = http_field_value(req, "Origin");
    if (origin != NULL)
        hs->origin = *origin;
    ws_accept_value(hs->key.ptr, hs->key.len, hs->accept);
    return SEE_OK;
}

int ws_origin_is_host(const ws_handshake *hs, const http_request *req)
{
    static const char scheme[] = "https://";
    const size_t scheme_len = sizeof scheme - 1;
    const http_span *host = http_field_value(req, "Host");
    if (hs->origin.ptr == NULL || host == NULL || hs->origin.len <= scheme_len)
        return 0;
    http_span origin_scheme = {hs->origin.ptr, scheme_len};
    http_span origin_host = {hs->origin.ptr + scheme_len, hs->origin.len - scheme_len};
    return http_span_equals_nocase(origin_scheme, scheme) &&
           http_spans_equal_nocase(origin_host, *host);
}

see_status ws_write_handshake_response(writer *w, const ws_handshake *hs)
{
    char text[160];
    int n = snprintf(text, sizeof text,
                     "HTTP/1.1 101 Switching Protocols\r\n"
                     "Upgrade: websocket\r\n"
                     "Connection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: %s\r\n\r\n", hs->accept);
    ENSURE(n > 0 && (size_t)n < sizeof text, SEE_ERR_ARGUMENT);
    return writer_bytes(w, text, (size_t)n);
}

int ws_http_status_of(see_status st)
{
    switch (st) {
    case SEE_ERR_WS_VERSION:     return 426;
    case SEE_ERR_WS_NOT_UPGRADE:
    case SEE_ERR_WS_KEY:         return 400;
    default:                     return http_status_of(st);
    }
}

see_status ws_write_handshake_refusal(writer *w, see_status st)
{
    int status = ws_http_status_of(st);
    if (status == 426)   /* 4.4: say which version this server speaks */
        return http_write_status_response(w, 426, "Sec-WebSocket-Version: 13\r\n", 0);
    return http_write_refusal(w, st);
}

/* 7.4.1 and 7.4.2: the codes defined for the wire, and the ranges for
 * libraries (3000-3999) and applications (4000-4999). 1004 is reserved;
 * 1005, 1006 and 1015 only ever stand for "no code", "no close frame" and
 * "TLS failed" inside an endpoint; 0-999 and 1016-2999 are not used. */
int ws_close_code_valid(uint16_t code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) ||
           (code >= 3000 && code <= 4999);
}

/* ------------------------------------------------------ client frames --- */

/* The fields of 5.2's diagram, as read. */
typedef struct {
    int fin;
    uint8_t rsv;          /* RSV1, RSV2, RSV3 */
    uint8_t opcode;
    uint64_t payload_len;
    int masked;
    uint8_t mask[4];
} frame_header;

static int is_control(uint8_t opcode)
{
    return (opcode & 0x8) != 0;   /* 5.5: opcodes with the top bit set */
}

static int is_known_opcode(uint8_t opcode)
{
    return opcode <= WS_BINARY || (opcode >= WS_CLOSE && opcode <= WS_PONG);
}

/* The reader's "not enough bytes" is this codec's "need more". */
static see_status more(see_status st)
{
    return st == SEE_ERR_TRUNCATED ? SEE_ERR_NEED_MORE : st;
}

void ws_reader_init(ws_reader *r, size_t max_message)
{
    memset(r, 0, sizeof *r);
    r->max_message = max_message;
    utf8_decoder_init(&r->utf8);
}

void ws_reader_init_client(ws_reader *r, size_t max_message)
{
    ws_reader_init(r, max_message);
    r->of_server = 1;
}

/* FIN, RSV1-3, opcode. */
static see_status read_first_byte(reader *rd, frame_header *h)
{
    uint8_t b;
    TRY(more(reader_u8(rd, &b)));
    h->fin = b >> 7;
    h->rsv = (b >> 4) & 0x7;
    h->opcode = b & 0xf;
    ENSURE(h->rsv == 0, SEE_ERR_WS_RSV);   /* no extension agreed */
    ENSURE(is_known_opcode(h->opcode), SEE_ERR_WS_OPCODE);
    ENSURE(h->fin || !is_control(h->opcode), SEE_ERR_WS_CONTROL); /* 5.5 */
    return SEE_OK;
}

/* 5.4: a message's fragments come in order, with only control frames
 * between them. */
static see_status check_fragment_order(const ws_reader *r, const frame_header *h)
{
    if (is_control(h->opcode))
        return SEE_OK;
    if (h->opcode == WS_CONTINUATION)
        ENSURE(r->in_message, SEE_ERR_WS_FRAGMENT);
    else
        ENSURE(!r->in_message, SEE_ERR_WS_FRAGMENT);
    return SEE_OK;
}

/* MASK, Payload len and the extended payload length. 5.2: "the minimal
 * number of bytes MUST be used to encode the length", and the 64-bit
 * length's most significant bit MUST be 0. */
static see_status read_payload_length(const ws_reader *r, reader *rd, frame_header *h)
{
    uint8_t b;
    TRY(more(reader_u8(rd, &b)));
    /* 5.1: a client masks every frame, a server none */
    h->masked = (b & 0x80) != 0;
    ENSURE(h->masked || r->of_server, SEE_ERR_WS_UNMASKED);
    ENSURE(!h->masked || !r->of_server, SEE_ERR_WS_MASKED);
    uint8_t len7 = b & 0x7f;
    ENSURE(!is_control(h->opcode) || len7 <= WS_MAX_CONTROL_PAYLOAD, SEE_ERR_WS_CONTROL);
    if (len7 <= 125) {
        h->payload_len = len7;
    } else if (len7 == 126) {
        uint16_t len16;
        TRY(more(reader_u16(rd, &len16)));
        ENSURE(len16 > 125, SEE_ERR_WS_LENGTH);
        h->payload_len = len16;
    } else {
        uint64_t len64;
        TRY(more(reader_u64(rd, &len64)));
        ENSURE((len64 >> 63) == 0 && len64 > 0xffff, SEE_ERR_WS_LENGTH);
        h->payload_len = len64;
    }
    return SEE_OK;
}

/* The message so far with this frame stays within max_message (control
 * frames are bounded by 5.5 instead). */
static see_status check_message_size(const ws_reader *r, const frame_header *h)
{
    if (is_control(h->opcode))
        return SEE_OK;
    uint64_t before = h->opcode == WS_CONTINUATION ? r->message_len : 0;
    ENSURE(before <= r->max_message && h->payload_len <= r->max_message - before,
           SEE_ERR_WS_TOO_BIG);
    return SEE_OK;
}

/* The header, field by field, each checked as soon as it is read. */
static see_status read_header(const ws_reader *r, reader *rd, frame_header *h)
{
    TRY(read_first_byte(rd, h));
    TRY(check_fragment_order(r, h));
    TRY(read_payload_length(r, rd, h));
    TRY(check_message_size(r, h));
    if (!h->masked)
        return SEE_OK;
    return more(reader_copy(rd, h->mask, sizeof h->mask));
}

/* 5.3: octet i of the data is XORed with octet i mod 4 of the key. */
static void unmask(uint8_t *payload, size_t n, const uint8_t mask[4])
{
    for (size_t i = 0; i < n; i++)
        payload[i] ^= mask[i % 4];
}

/* 5.5.1: an empty body, or a 2-byte status code and a UTF-8 reason. */
static see_status read_close_body(ws_frame *f)
{
    f->close_code = WS_CLOSE_NO_STATUS;
    if (f->payload_len == 0)
        return SEE_OK;
    ENSURE(f->payload_len >= 2, SEE_ERR_WS_CLOSE);
    f->close_code = (uint16_t)((f->payload[0] << 8) | f->payload[1]);
    ENSURE(ws_close_code_valid(f->close_code), SEE_ERR_WS_CLOSE);
    f->close_reason = f->payload + 2;
    f->close_reason_len = f->payload_len - 2;
    ENSURE(utf8_valid(f->close_reason, f->close_reason_len), SEE_ERR_WS_UTF8);
    return SEE_OK;
}

/* A text message's UTF-8, carried on from its earlier fragments; the
 * last fragment must not end inside a character. */
static see_status check_text(const ws_reader *r, const ws_frame *f, utf8_decoder *utf8)
{
    if (f->opcode == WS_TEXT)
        utf8_decoder_init(utf8);
    else
        *utf8 = r->utf8;
    ENSURE(utf8_feed(utf8, f->payload, f->payload_len), SEE_ERR_WS_UTF8);
    ENSURE(!f->fin || utf8_complete(utf8), SEE_ERR_WS_UTF8);
    return SEE_OK;
}

/* The frame read whole and good: the reader moves on to the next. */
static void advance_message(ws_reader *r, const ws_frame *f, const utf8_decoder *utf8)
{
    if (is_control(f->opcode))
        return;
    r->in_message = !f->fin;
    r->message_opcode = f->fin ? 0 : f->message_opcode;
    r->message_len = f->fin ? 0 : r->message_len + f->payload_len;
    r->utf8 = *utf8;
}

static void describe_frame(const ws_reader *r, const frame_header *h, uint8_t *payload,
                           size_t frame_len, ws_frame *f)
{
    memset(f, 0, sizeof *f);
    f->fin = h->fin;
    f->opcode = h->opcode;
    f->message_opcode = h->opcode == WS_CONTINUATION ? r->message_opcode : h->opcode;
    f->payload = payload;
    f->payload_len = (size_t)h->payload_len;
    f->frame_len = frame_len;
}

see_status ws_read_frame(ws_reader *r, uint8_t *buf, size_t len, ws_frame *frame)
{
    reader rd;
    reader_init(&rd, buf, len);
    frame_header h;
    TRY(read_header(r, &rd, &h));
    size_t header_len = rd.pos;
    /* payload_len is below max_message or 126 here: it fits a size_t */
    const uint8_t *payload;   /* buf + header_len, which we may change */
    TRY(more(reader_bytes(&rd, (size_t)h.payload_len, &payload)));

    describe_frame(r, &h, buf + header_len, rd.pos, frame);
    if (h.masked)
        unmask(frame->payload, frame->payload_len, h.mask);
    utf8_decoder utf8 = r->utf8;
    if (frame->message_opcode == WS_TEXT)
        TRY(check_text(r, frame, &utf8));
    if (frame->opcode == WS_CLOSE)
        TRY(read_close_body(frame));
    advance_message(r, frame, &utf8);
    return SEE_OK;
}

uint16_t ws_close_code_of(see_status st)
{
    switch (st) {
    case SEE_ERR_WS_UTF8:     return WS_CLOSE_INVALID_DATA;
    case SEE_ERR_WS_TOO_BIG:  return WS_CLOSE_TOO_BIG;
    case SEE_ERR_WS_RSV:
    case SEE_ERR_WS_OPCODE:
    case SEE_ERR_WS_UNMASKED:
    case SEE_ERR_WS_MASKED:
    case SEE_ERR_WS_CONTROL:
    case SEE_ERR_WS_LENGTH:
    case SEE_ERR_WS_FRAGMENT:
    case SEE_ERR_WS_CLOSE:    return WS_CLOSE_PROTOCOL_ERROR;
    default:                  return WS_CLOSE_INTERNAL_ERROR;
    }
}

/* ------------------------------------------------------ server frames --- */

size_t ws_frame_size(size_t payload_len)
{
    size_t extended = payload_len <= 125 ? 0 : payload_len <= 0xffff ? 2 : 8;
    return 2 + extended + payload_len;
}

/* FIN set, no RSV, the opcode; MASK as given (5.1: clear from a server,
 * set from a client), the length in the fewest bytes (5.2). */
static see_status write_header(writer *w, uint8_t opcode, uint8_t mask_bit, size_t len)
{
    TRY(writer_u8(w, (uint8_t)(0x80 | opcode)));
    if (len <= 125)
        return writer_u8(w, (uint8_t)(mask_bit | len));
    if (len <= 0xffff) {
        TRY(writer_u8(w, (uint8_t)(mask_bit | 126)));
        return writer_u16(w, (uint16_t)len);
    }
    TRY(writer_u8(w, (uint8_t)(mask_bit | 127)));
    return writer_u64(w, (uint64_t)len);
}

/* What either side may send as one whole message: text (UTF-8), binary,
 * ping or pong (at most 125 bytes, 5.5). */
static see_status check_message(uint8_t opcode, const void *payload, size_t len)
{
    ENSURE(opcode == WS_TEXT || opcode == WS_BINARY || opcode == WS_PING ||
           opcode == WS_PONG, SEE_ERR_ARGUMENT);
    ENSURE(!is_control(opcode) || len <= WS_MAX_CONTROL_PAYLOAD, SEE_ERR_ARGUMENT);
    ENSURE(opcode != WS_TEXT || utf8_valid(payload, len), SEE_ERR_WS_UTF8);
    return SEE_OK;
}

see_status ws_write_frame(writer *w, uint8_t opcode, const void *payload, size_t len)
{
    TRY(check_message(opcode, payload, len));
    TRY(write_header(w, opcode, 0, len));
    return writer_bytes(w, payload, len);
}

see_status ws_write_close(writer *w, uint16_t code, const char *reason)
{
    size_t reason_len = reason != NULL ? strlen(reason) : 0;
    ENSURE(ws_close_code_valid(code), SEE_ERR_ARGUMENT);
    ENSURE(reason_len <= WS_MAX_CONTROL_PAYLOAD - 2, SEE_ERR_ARGUMENT);
    ENSURE(utf8_valid((const uint8_t *)reason, reason_len), SEE_ERR_WS_UTF8);
    TRY(write_header(w, WS_CLOSE, 0, 2 + reason_len));
    TRY(writer_u16(w, code));
    return writer_bytes(w, reason, reason_len);
}

/* ------------------------------------------------------ client side --- */

see_status ws_client_key(see_rng *rng, char key[WS_KEY_LEN + 1])
{
    uint8_t nonce[WS_KEY_BYTES];
    TRY(rng_bytes(rng, nonce, sizeof nonce));
    see_base64_encode(nonce, sizeof nonce, key);
    return SEE_OK;
}

see_status ws_write_client_handshake(writer *w, const char *host, const char *path,
                                     const char *origin, const char *key)
{
    char text[600];
    int n = snprintf(text, sizeof text,
                     "GET %s HTTP/1.1\r\n"
                     "Host: %s\r\n"
                     "Upgrade: websocket\r\n"
                     "Connection: Upgrade\r\n"
                     "Sec-WebSocket-Key: %s\r\n"
                     "Sec-WebSocket-Version: 13\r\n"
                     "Origin: %s\r\n\r\n", path, host, key, origin);
    ENSURE(n > 0 && (size_t)n < sizeof text, SEE_ERR_ARGUMENT);
    return writer_bytes(w, text, (size_t)n);
}

/* 4.1, the client's checks of the server's answer, in the RFC's order:
 * 101 (else "handle the response per HTTP": not a WebSocket), Upgrade
 * websocket, Connection Upgrade, and the accept value our key calls for
 * (which proves the server read this handshake, not a replayed one).
 * An extension or subprotocol the client did not ask for (4.1 items 5,
 * 6) cannot be agreed: this client asks for none, and says so here. */
see_status ws_check_handshake_answer(const uint8_t *buf, size_t len, const char *key,
                                     size_t *head_len)
{
    int status;
    http_request head;
    TRY(http_parse_response_head(buf, len, &status, &head));
    ENSURE(status == 101 && http_field_has_token(&head, "Upgrade", "websocket") &&
           http_field_has_token(&head, "Connection", "Upgrade"), SEE_ERR_WS_NOT_SWITCHED);
    ENSURE(http_field_count_named(&head, "Sec-WebSocket-Extensions") == 0 &&
           http_field_count_named(&head, "Sec-WebSocket-Protocol") == 0,
           SEE_ERR_WS_NOT_SWITCHED);
    char want[WS_ACCEPT_LEN + 1];
    ws_accept_value(key, strlen(key), want);
    const http_span *accept = http_field_value(&head, "Sec-WebSocket-Accept");
    /* 4.1 compares the value exactly, not case-insensitively: base64 */
    ENSURE(accept != NULL && http_field_count_named(&head, "Sec-WebSocket-Accept") == 1 &&
           accept->len == WS_ACCEPT_LEN && memcmp(accept->ptr, want, WS_ACCEPT_LEN) == 0,
           SEE_ERR_WS_ACCEPT);
    *head_len = head.head_len;
    return SEE_OK;
}

/* 5.3: the payload XORed with the key, octet i with octet i mod 4 (the
 * unmasking above, the same operation). */
see_status ws_write_masked_frame(writer *w, uint8_t opcode, const void *payload, size_t len,
                                 const uint8_t mask[4])
{
    TRY(check_message(opcode, payload, len));
    TRY(write_header(w, opcode, 0x80, len));
    TRY(writer_bytes(w, mask, 4));
    uint8_t *out;
    TRY(writer_reserve(w, len, &out));
    if (len > 0)
        memcpy(out, payload, len);
    unmask(out, len, mask);
    return SEE_OK;
}

/* 5.3: "a fresh masking key ... from a strong source of entropy", so that
 * a page's script cannot choose the bytes that reach the wire (10.3). */
see_status ws_write_client_frame(writer *w, see_rng *rng, uint8_t opcode, const void *payload,
                                 size_t len)
{
    uint8_t mask[4];
    TRY(rng_bytes(rng, mask, sizeof mask));
    return ws_write_masked_frame(w, opcode, payload, len, mask);
}
