/*
 * websocket.h: WebSocket (RFC 6455) as a server speaks it: the opening
 * handshake checked and answered, client frames read, server frames
 * written. No I/O and nothing allocated: the caller reads bytes from its
 * tls_socket into a buffer and hands them over, and writes what a writer
 * filled.
 *
 * 1. The opening handshake (4.2.1, 4.2.2). After http_parse_request has
 *    read the request head, ws_check_handshake checks it is a WebSocket
 *    upgrade (GET, HTTP/1.1, Upgrade: websocket, Connection: Upgrade,
 *    Sec-WebSocket-Version: 13, a Sec-WebSocket-Key of 16 bytes in base64)
 *    and computes the accept value; ws_write_handshake_response writes the
 *    101 answer. A refused handshake is answered by
 *    ws_write_handshake_refusal: 426 with Sec-WebSocket-Version: 13 for
 *    another version (4.4), 400 otherwise. The Origin is returned, not
 *    judged (10.2): a browser always sends it, and only the caller knows
 *    which origins may connect (ws_origin_is_host: the page's own).
 *
 * 2. Client frames (5.2). ws_read_frame takes the bytes read so far and
 *    answers SEE_ERR_NEED_MORE (read more, call again with all of them),
 *    SEE_OK with one whole frame, unmasked in place (then the caller drops
 *    frame_len bytes from its buffer; reading the same bytes again would
 *    unmask them twice), or a precise error, which fails the connection
 *    (7.1.7): ws_close_code_of gives the close code to send (1002 protocol
 *    error, 1007 bad UTF-8, 1009 too big), then the caller closes. An
 *    error is found as soon as the bytes that show it have arrived: a
 *    frame announcing 2^62 bytes fails at its header, not after them.
 *    Refused:
 *     - an RSV bit set (no extension is ever agreed here);
 *     - an opcode that 5.2 reserves (3-7, 11-15);
 *     - a frame without a mask (5.1: a server MUST close on one);
 *     - a control frame (close, ping, pong) fragmented or over 125 bytes
 *       (5.5);
 *     - a payload length not in the fewest bytes (5.2: 0-125 in 7 bits,
 *       126-65535 in 16, more in 64), or with the 64-bit length's top bit
 *       set;
 *     - a message (all its frames' payloads) over the reader's
 *       max_message;
 *     - text that is not UTF-8 (8.1), checked across the frames of a
 *       message: overlong forms, surrogates (U+D800-DFFF) and code points
 *       above U+10FFFF refused;
 *     - a close frame with a 1-byte body, a status code outside 1000-1003,
 *       1007-1011 and 3000-4999 (7.4: 1005, 1006 and 1015 are never on
 *       the wire), or a reason that is not UTF-8.
 *    Fragmented messages (5.4) are supported, within max_message: each
 *    frame is returned as it comes, with the opcode of the message it
 *    belongs to (message_opcode) and fin on its last frame; the caller
 *    appends the payloads. Control frames may come between fragments. A
 *    continuation frame outside a message, or a new text or binary frame
 *    inside one, is refused (SEE_ERR_WS_FRAGMENT).
 *
 * 3. Server frames (5.1: never masked), always a whole message in one
 *    frame: ws_write_frame (text, binary, ping, pong) and ws_write_close.
 *
 * 4. The client's side, for a program that plays the browser (the
 *    bench's web console client): ws_write_client_handshake writes the
 *    GET with a fresh key (ws_client_key), ws_check_handshake_answer
 *    checks the 101 and its Sec-WebSocket-Accept (4.1); a reader made by
 *    ws_reader_init_client reads server frames, refusing a masked one
 *    (5.1: SEE_ERR_WS_MASKED) and checking all else as above; the
 *    client's frames are masked with a fresh key from the RNG
 *    (ws_write_client_frame, 5.3).
 */
#ifndef SEETLS_WEBSOCKET_H
#define SEETLS_WEBSOCKET_H

#include <stddef.h>
#include <stdint.h>

#include "codec/http.h"
#include "codec/utf8.h"
#include "core/bytes.h"
#include "core/error.h"
#include "crypto/random.h"

/* RFC 6455 1.3: the GUID a server appends to the client's key. */
#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
#define WS_KEY_BYTES   16   /* Sec-WebSocket-Key: 16 random bytes... */
#define WS_KEY_LEN     24   /* ...in base64 */
#define WS_ACCEPT_LEN  28   /* Sec-WebSocket-Accept: a SHA-1 in base64 */

/* Opcodes, RFC 6455 5.2 (5.5 for the control frames, 8 and up). */
enum {
    WS_CONTINUATION = 0x0,
    WS_TEXT = 0x1,
    WS_BINARY = 0x2,
    WS_CLOSE = 0x8,
    WS_PING = 0x9,
    WS_PONG = 0xA,
};

/* Close status codes, RFC 6455 7.4.1. */
enum {
    WS_CLOSE_NORMAL = 1000,
    WS_CLOSE_GOING_AWAY = 1001,
    WS_CLOSE_PROTOCOL_ERROR = 1002,
    WS_CLOSE_UNSUPPORTED_DATA = 1003,
    WS_CLOSE_NO_STATUS = 1005,      /* never sent: "the close frame had none" */
    WS_CLOSE_INVALID_DATA = 1007,
    WS_CLOSE_POLICY = 1008,
    WS_CLOSE_TOO_BIG = 1009,
    WS_CLOSE_INTERNAL_ERROR = 1011,
};

#define WS_MAX_CONTROL_PAYLOAD 125  /* 5.5 */
#define WS_MAX_HEADER 14            /* 2 bytes, 8 of length, 4 of mask */

/* ------------------------------------------------------- handshake --- */

typedef struct {
    http_span key;                   /* Sec-WebSocket-Key, as sent */
    http_span origin;                /* Origin; ptr NULL when absent */
    char accept[WS_ACCEPT_LEN + 1];  /* Sec-WebSocket-Accept, NUL-ended */
} ws_handshake;

/* Check that req asks for a WebSocket (above) and fill *hs.
 * SEE_ERR_WS_NOT_UPGRADE, SEE_ERR_WS_VERSION or SEE_ERR_WS_KEY. */
see_status ws_check_handshake(const http_request *req, ws_handshake *hs);

/* RFC 6455 4.2.2 item 5.4: base64(SHA-1(key || WS_GUID)), of the key as
 * sent (its base64 text, not its bytes). */
void ws_accept_value(const char *key, size_t key_len, char accept[WS_ACCEPT_LEN + 1]);

/* 1 if the handshake's Origin is "https://" followed by the request's
 * Host (compared case-insensitively, RFC 6454 4): the page that opened
 * this WebSocket was served by this server, at the name the browser used.
 * 0 when they differ or the Origin is absent. */
int ws_origin_is_host(const ws_handshake *hs, const http_request *req);

/* The 101 Switching Protocols response (4.2.2). */
see_status ws_write_handshake_response(writer *w, const ws_handshake *hs);
/* The HTTP status for a refused handshake: 426 for SEE_ERR_WS_VERSION,
 * http_status_of for the request head's errors, else 400. */
int ws_http_status_of(see_status st);
/* The whole refusal, with Sec-WebSocket-Version: 13 on a 426 (4.4). */
see_status ws_write_handshake_refusal(writer *w, see_status st);

/* 1 if code may be sent in a close frame (7.4): 1000-1003, 1007-1011,
 * 3000-4999. */
int ws_close_code_valid(uint16_t code);

/* ------------------------------------------------------ client frames --- */

typedef struct {
    int of_server;           /* reads a server's frames (ws_reader_init_client) */
    size_t max_message;      /* the largest message taken, in payload bytes */
    int in_message;          /* a fragmented message has begun, not ended */
    uint8_t message_opcode;  /* its opcode: WS_TEXT or WS_BINARY */
    uint64_t message_len;    /* its payload bytes so far */
    utf8_decoder utf8;       /* a text message's UTF-8 so far */
} ws_reader;

typedef struct {
    int fin;                 /* the last frame of its message */
    uint8_t opcode;          /* as sent (WS_CONTINUATION for later fragments) */
    uint8_t message_opcode;  /* WS_TEXT or WS_BINARY for a data frame, the
                                opcode itself for a control frame */
    uint8_t *payload;        /* unmasked, inside the caller's buffer */
    size_t payload_len;
    size_t frame_len;        /* header and payload: the bytes to drop */
    uint16_t close_code;     /* a close frame's code, or WS_CLOSE_NO_STATUS */
    const uint8_t *close_reason;  /* a close frame's reason (UTF-8) */
    size_t close_reason_len;
} ws_frame;

/* A reader taking messages of up to max_message payload bytes; the
 * caller's buffer must hold a whole frame, up to WS_MAX_HEADER +
 * max_message bytes. */
void ws_reader_init(ws_reader *r, size_t max_message);
/* The same for a client: it reads a server's frames, never masked (5.1:
 * a masked one is SEE_ERR_WS_MASKED), with all the other checks. */
void ws_reader_init_client(ws_reader *r, size_t max_message);
/* Read one client frame from the start of buf (len bytes so far). */
see_status ws_read_frame(ws_reader *r, uint8_t *buf, size_t len, ws_frame *frame);
/* The close code to send when reading failed with st (7.4.1): 1007 for
 * bad UTF-8, 1009 for too big, 1002 for any other frame error, 1011 for
 * a status that is not a frame's. */
uint16_t ws_close_code_of(see_status st);

/* ------------------------------------------------------ server frames --- */

/* The bytes of a server frame with this payload length. */
size_t ws_frame_size(size_t payload_len);
/* One whole message, FIN set, unmasked: opcode WS_TEXT (payload must be
 * UTF-8: SEE_ERR_WS_UTF8), WS_BINARY, WS_PING or WS_PONG (at most 125
 * bytes: SEE_ERR_ARGUMENT). */
see_status ws_write_frame(writer *w, uint8_t opcode, const void *payload, size_t len);
/* A close frame with code (ws_close_code_valid) and a UTF-8 reason of at
 * most 123 bytes (reason may be NULL for none). */
see_status ws_write_close(writer *w, uint16_t code, const char *reason);

/* ------------------------------------------------------ client side --- */

/* A fresh Sec-WebSocket-Key: WS_KEY_BYTES from rng, in base64 (4.1). */
see_status ws_client_key(see_rng *rng, char key[WS_KEY_LEN + 1]);
/* The opening handshake's request (4.1): GET path, Host, the upgrade
 * fields, key, version 13 and the page's Origin (which a browser always
 * sends, 10.2). */
see_status ws_write_client_handshake(writer *w, const char *host, const char *path,
                                     const char *origin, const char *key);
/* Check the server's answer in buf (len bytes so far) to the handshake
 * sent with key: SEE_OK with *head_len the bytes of its head (frames may
 * follow at once), SEE_ERR_NEED_MORE, the head's parse errors (http.h),
 * SEE_ERR_WS_NOT_SWITCHED when it is not a 101 with Upgrade: websocket
 * and Connection: Upgrade (or it names an extension or subprotocol, which
 * this client never asks for), SEE_ERR_WS_ACCEPT when
 * Sec-WebSocket-Accept is not ws_accept_value of key. */
see_status ws_check_handshake_answer(const uint8_t *buf, size_t len, const char *key,
                                     size_t *head_len);
/* A client frame: one whole message, FIN set, MASK set, the payload
 * masked with mask (5.3); the same opcodes and checks as ws_write_frame.
 * ws_write_client_frame draws the mask from rng (a fresh one per frame,
 * as 5.3 requires); the other takes it given, for the RFC's examples. */
see_status ws_write_masked_frame(writer *w, uint8_t opcode, const void *payload, size_t len,
                                 const uint8_t mask[4]);
see_status ws_write_client_frame(writer *w, see_rng *rng, uint8_t opcode, const void *payload,
                                 size_t len);

#endif
