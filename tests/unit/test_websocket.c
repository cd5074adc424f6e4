/*
 * test_websocket.c: RFC 6455 as codec/websocket.h speaks it. The opening
 * handshake (the RFC's own key and accept value, a browser's request and
 * the exact 101 answer, each refusal with its status, the Origin), the
 * examples of 5.7 byte for byte (written by the server, read masked from
 * a client, refused unmasked), every prefix of a frame "need more", every
 * frame error by its code and close code, the limits exactly at and one
 * over, UTF-8 across fragments (table 3-7 itself: test_utf8), close
 * frames' codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/websocket.h"
#include "tests/unit/harness.h"

/* ------------------------------------------------------- handshake --- */

/* RFC 6455 1.3 and 4.2.2: the key "the sample nonce" and its answer, as
 * the RFC prints it (and as python3's hashlib and base64 give it). */
static void test_rfc_accept_value(void)
{
    char accept[WS_ACCEPT_LEN + 1];
    ws_accept_value("dGhlIHNhbXBsZSBub25jZQ==", 24, accept);
    CU_ASSERT_STRING_EQUAL(accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

/* What Chromium sends to open new WebSocket("wss://alex.lab:8443/ws"). */
static const char browser_upgrade[] =
    "GET /ws HTTP/1.1\r\n"
    "Host: alex.lab:8443\r\n"
    "Connection: Upgrade\r\n"
    "Pragma: no-cache\r\n"
    "Cache-Control: no-cache\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0\r\n"
    "Upgrade: websocket\r\n"
    "Origin: https://alex.lab:8443\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    "\r\n";

static int span_is(http_span s, const char *text)
{
    return s.ptr != NULL && s.len == strlen(text) && memcmp(s.ptr, text, s.len) == 0;
}

static see_status check_text(const char *text, http_request *req, ws_handshake *hs)
{
    see_status st = http_parse_request((const uint8_t *)text, strlen(text), req);
    if (st != SEE_OK)
        return st;
    return ws_check_handshake(req, hs);
}

static void expect_bytes(const writer *w, const char *want)
{
    CU_ASSERT_EQUAL(w->len, strlen(want));
    CU_ASSERT_EQUAL(memcmp(w->data, want, w->len), 0);
    if (w->len != strlen(want) || memcmp(w->data, want, w->len) != 0)
        fprintf(stderr, "\n  got: %.*s\n", (int)w->len, (const char *)w->data);
}

static void test_browser_handshake(void)
{
    http_request req;
    ws_handshake hs;
    CU_ASSERT_EQUAL_FATAL(check_text(browser_upgrade, &req, &hs), SEE_OK);
    CU_ASSERT(span_is(hs.key, "dGhlIHNhbXBsZSBub25jZQ=="));
    CU_ASSERT(span_is(hs.origin, "https://alex.lab:8443"));
    CU_ASSERT_STRING_EQUAL(hs.accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    CU_ASSERT_TRUE(ws_origin_is_host(&hs, &req));

    uint8_t buf[256];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_handshake_response(&w, &hs), SEE_OK);
    /* RFC 6455 1.3's answer (4.2.2) */
    expect_bytes(&w, "HTTP/1.1 101 Switching Protocols\r\n"
                     "Upgrade: websocket\r\n"
                     "Connection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
    uint8_t small[100];
    writer_init(&w, small, sizeof small);
    CU_ASSERT_EQUAL(ws_write_handshake_response(&w, &hs), SEE_ERR_BUFFER_SMALL);
}

/* browser_upgrade with one line replaced (or removed, with = NULL). */
static char *upgrade_with(const char *line_start, const char *with)
{
    char *text = malloc(sizeof browser_upgrade + 256);
    const char *at = strstr(browser_upgrade, line_start);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    const char *end = strstr(at, "\r\n") + 2;
    size_t head = (size_t)(at - browser_upgrade);
    memcpy(text, browser_upgrade, head);
    text[head] = '\0';
    if (with != NULL) {
        strcat(text, with);
        strcat(text, "\r\n");
    }
    strcat(text, end);
    return text;
}

static void expect_handshake(const char *line_start, const char *with, see_status want,
                             int status)
{
    char *text = upgrade_with(line_start, with);
    http_request req;
    ws_handshake hs;
    see_status st = check_text(text, &req, &hs);
    CU_ASSERT_EQUAL(st, want);
    if (st != want)
        fprintf(stderr, "\n  %s -> %s: %s\n", line_start, with ? with : "(none)",
                see_strerror(st));
    if (want != SEE_OK)
        CU_ASSERT_EQUAL(ws_http_status_of(st), status);
    free(text);
}

static void test_handshake_forms_accepted(void)
{
    expect_handshake("Upgrade:", "upgrade: WebSocket", SEE_OK, 0);
    expect_handshake("Connection:", "Connection: keep-alive, Upgrade", SEE_OK, 0);
    expect_handshake("Connection:", "connection: upgrade", SEE_OK, 0);
    expect_handshake("Origin:", NULL, SEE_OK, 0);
}

static void test_handshake_refusals(void)
{
    expect_handshake("GET /ws HTTP/1.1", "GET /ws HTTP/1.0", SEE_ERR_WS_NOT_UPGRADE, 400);
    expect_handshake("Upgrade:", NULL, SEE_ERR_WS_NOT_UPGRADE, 400);
    expect_handshake("Upgrade:", "Upgrade: h2c", SEE_ERR_WS_NOT_UPGRADE, 400);
    expect_handshake("Upgrade:", "Upgrade: websockets", SEE_ERR_WS_NOT_UPGRADE, 400);
    expect_handshake("Connection:", NULL, SEE_ERR_WS_NOT_UPGRADE, 400);
    expect_handshake("Connection:", "Connection: keep-alive", SEE_ERR_WS_NOT_UPGRADE, 400);
    expect_handshake("Sec-WebSocket-Version:", NULL, SEE_ERR_WS_VERSION, 426);
    expect_handshake("Sec-WebSocket-Version:", "Sec-WebSocket-Version: 8", SEE_ERR_WS_VERSION, 426);
    expect_handshake("Sec-WebSocket-Version:", "Sec-WebSocket-Version: 13, 8",
                     SEE_ERR_WS_VERSION, 426);
    expect_handshake("Sec-WebSocket-Version:",
                     "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13",
                     SEE_ERR_WS_VERSION, 426);
    expect_handshake("Sec-WebSocket-Key:", NULL, SEE_ERR_WS_KEY, 400);
    /* 15 and 17 bytes, not base64, and twice */
    expect_handshake("Sec-WebSocket-Key:", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ",
                     SEE_ERR_WS_KEY, 400);
    expect_handshake("Sec-WebSocket-Key:", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=",
                     SEE_ERR_WS_KEY, 400);
    expect_handshake("Sec-WebSocket-Key:", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZ===",
                     SEE_ERR_WS_KEY, 400);
    expect_handshake("Sec-WebSocket-Key:", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA=",
                     SEE_ERR_WS_KEY, 400);
    expect_handshake("Sec-WebSocket-Key:", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ!=",
                     SEE_ERR_WS_KEY, 400);
    /* 16 bytes, but not as 24 characters (base64 decoding skips spaces) */
    expect_handshake("Sec-WebSocket-Key:", "Sec-WebSocket-Key: dGhlIHNh bXBsZSBub25jZQ==",
                     SEE_ERR_WS_KEY, 400);
    expect_handshake("Sec-WebSocket-Key:",
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", SEE_ERR_WS_KEY, 400);
    /* the head's own errors keep their status */
    CU_ASSERT_EQUAL(ws_http_status_of(SEE_ERR_HTTP_HEAD_TOO_LARGE), 431);
}

static void test_refusal_bytes(void)
{
    uint8_t buf[512];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_handshake_refusal(&w, SEE_ERR_WS_VERSION), SEE_OK);
    expect_bytes(&w, "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 17\r\n"
                     "Connection: close\r\n\r\nUpgrade Required\n");
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_handshake_refusal(&w, SEE_ERR_WS_KEY), SEE_OK);
    expect_bytes(&w, "HTTP/1.1 400 Bad Request\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\n"
                     "Connection: close\r\n\r\nBad Request\n");
}

static int origin_ok(const char *origin_line, const char *host_line)
{
    char *a = upgrade_with("Origin:", origin_line);
    char *text = malloc(strlen(a) + 64);
    const char *at = strstr(a, "Host:");
    const char *end = strstr(at, "\r\n") + 2;
    snprintf(text, strlen(a) + 64, "%.*s%s\r\n%s", (int)(at - a), a, host_line, end);
    http_request req;
    ws_handshake hs;
    CU_ASSERT_EQUAL_FATAL(check_text(text, &req, &hs), SEE_OK);
    int ok = ws_origin_is_host(&hs, &req);
    free(a);
    free(text);
    return ok;
}

/* RFC 6455 10.2: the server checks the Origin; ws_origin_is_host is the
 * check that the page came from this very server. */
static void test_origin(void)
{
    CU_ASSERT_TRUE(origin_ok("Origin: https://alex.lab:8443", "Host: alex.lab:8443"));
    CU_ASSERT_TRUE(origin_ok("Origin: HTTPS://Alex.Lab:8443", "Host: alex.lab:8443"));
    CU_ASSERT_TRUE(origin_ok("Origin: https://10.0.0.7", "Host: 10.0.0.7"));
    CU_ASSERT_FALSE(origin_ok("Origin: https://evil.example", "Host: alex.lab:8443"));
    CU_ASSERT_FALSE(origin_ok("Origin: https://alex.lab", "Host: alex.lab:8443"));
    CU_ASSERT_FALSE(origin_ok("Origin: https://alex.lab:8443.evil", "Host: alex.lab:8443"));
    CU_ASSERT_FALSE(origin_ok("Origin: http://alex.lab:8443", "Host: alex.lab:8443"));
    /* a scheme as long as https:// */
    CU_ASSERT_FALSE(origin_ok("Origin: httpx://alex.lab:8443", "Host: alex.lab:8443"));
    CU_ASSERT_FALSE(origin_ok("Origin: null", "Host: alex.lab:8443"));
    CU_ASSERT_FALSE(origin_ok("Origin: https://", "Host: alex.lab:8443"));
    CU_ASSERT_FALSE(origin_ok(NULL, "Host: alex.lab:8443"));
}

/* ------------------------------------------------- RFC 6455 5.7 ------ */

static const uint8_t rfc_mask[4] = {0x37, 0xfa, 0x21, 0x3d};

/* A client frame: the first byte, the length in the fewest bytes, the
 * mask, the payload masked. Returns its size. */
static size_t client_frame(uint8_t *out, uint8_t first, const void *payload, size_t len)
{
    size_t n = 0;
    out[n++] = first;
    if (len <= 125) {
        out[n++] = (uint8_t)(0x80 | len);
    } else if (len <= 0xffff) {
        out[n++] = 0x80 | 126;
        out[n++] = (uint8_t)(len >> 8);
        out[n++] = (uint8_t)len;
    } else {
        out[n++] = 0x80 | 127;
        for (int i = 7; i >= 0; i--)
            out[n++] = (uint8_t)((uint64_t)len >> (8 * i));
    }
    memcpy(out + n, rfc_mask, 4);
    n += 4;
    const uint8_t *p = payload;
    for (size_t i = 0; i < len; i++)
        out[n + i] = p[i] ^ rfc_mask[i % 4];
    return n + len;
}

static void test_rfc_examples_written(void)
{
    uint8_t *buf = malloc(70000);
    writer w;
    /* a single-frame unmasked text message */
    writer_init(&w, buf, 70000);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_TEXT, "Hello", 5), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "810548656c6c6f");
    /* an unmasked ping */
    writer_init(&w, buf, 70000);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_PING, "Hello", 5), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "890548656c6c6f");
    writer_init(&w, buf, 70000);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_PONG, "Hello", 5), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "8a0548656c6c6f");
    /* 256 bytes binary in a single unmasked frame: 0x82 0x7E 0x0100 */
    uint8_t *data = calloc(65536, 1);
    writer_init(&w, buf, 70000);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_BINARY, data, 256), SEE_OK);
    CU_ASSERT_EQUAL(w.len, 4 + 256);
    ASSERT_HEX_EQ(buf, 4, "827e0100");
    /* 64 KiB binary: 0x82 0x7F 0x0000000000010000 */
    writer_init(&w, buf, 70000);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_BINARY, data, 65536), SEE_OK);
    CU_ASSERT_EQUAL(w.len, 10 + 65536);
    ASSERT_HEX_EQ(buf, 10, "827f0000000000010000");
    CU_ASSERT_EQUAL(ws_frame_size(65536), 10 + 65536);
    free(data);
    free(buf);
}

static see_status read_one(ws_reader *r, uint8_t *buf, size_t len, ws_frame *f)
{
    return ws_read_frame(r, buf, len, f);
}

static void test_rfc_examples_read(void)
{
    ws_reader r;
    ws_frame f;
    ws_reader_init(&r, 1 << 20);
    /* a single-frame masked text message, as the RFC gives it */
    uint8_t masked[] = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};
    CU_ASSERT_EQUAL_FATAL(read_one(&r, masked, sizeof masked, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.fin, 1);
    CU_ASSERT_EQUAL(f.opcode, WS_TEXT);
    CU_ASSERT_EQUAL(f.message_opcode, WS_TEXT);
    CU_ASSERT_EQUAL(f.frame_len, sizeof masked);
    CU_ASSERT_EQUAL(f.payload_len, 5);
    CU_ASSERT_EQUAL(memcmp(f.payload, "Hello", 5), 0);
    CU_ASSERT_PTR_EQUAL(f.payload, masked + 6);   /* unmasked in place */
    /* a masked pong "Hello" */
    uint8_t pong[] = {0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};
    CU_ASSERT_EQUAL_FATAL(read_one(&r, pong, sizeof pong, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.opcode, WS_PONG);
    CU_ASSERT_EQUAL(memcmp(f.payload, "Hello", 5), 0);
    /* the RFC's unmasked frames come from a server: a server refuses them */
    uint8_t unmasked[] = {0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
    CU_ASSERT_EQUAL(read_one(&r, unmasked, sizeof unmasked, &f), SEE_ERR_WS_UNMASKED);
    uint8_t ping[] = {0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
    CU_ASSERT_EQUAL(read_one(&r, ping, sizeof ping, &f), SEE_ERR_WS_UNMASKED);
}

/* 5.7's fragmented "Hel" + "lo", masked as a client sends it. */
static void test_rfc_fragments_read(void)
{
    ws_reader r;
    ws_frame f;
    ws_reader_init(&r, 1 << 20);
    uint8_t buf[64];
    size_t n = client_frame(buf, 0x01, "Hel", 3);
    ASSERT_HEX_EQ(buf, 2, "0183");
    CU_ASSERT_EQUAL_FATAL(read_one(&r, buf, n, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.fin, 0);
    CU_ASSERT_EQUAL(f.opcode, WS_TEXT);
    CU_ASSERT_EQUAL(memcmp(f.payload, "Hel", 3), 0);
    CU_ASSERT_TRUE(r.in_message);
    n = client_frame(buf, 0x80, "lo", 2);
    ASSERT_HEX_EQ(buf, 2, "8082");
    CU_ASSERT_EQUAL_FATAL(read_one(&r, buf, n, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.fin, 1);
    CU_ASSERT_EQUAL(f.opcode, WS_CONTINUATION);
    CU_ASSERT_EQUAL(f.message_opcode, WS_TEXT);
    CU_ASSERT_EQUAL(memcmp(f.payload, "lo", 2), 0);
    CU_ASSERT_FALSE(r.in_message);
}

/* 5.7's 256-byte and 64 KiB binary messages, from a client. */
static void test_rfc_long_lengths_read(void)
{
    uint8_t *data = malloc(65536), *buf = malloc(65536 + 14);
    for (size_t i = 0; i < 65536; i++)
        data[i] = (uint8_t)(i * 7);
    ws_reader r;
    ws_frame f;
    ws_reader_init(&r, 65536);
    size_t n = client_frame(buf, 0x82, data, 256);
    ASSERT_HEX_EQ(buf, 4, "82fe0100");
    CU_ASSERT_EQUAL_FATAL(read_one(&r, buf, n, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.frame_len, 8 + 256);
    CU_ASSERT_EQUAL(f.payload_len, 256);
    CU_ASSERT_EQUAL(memcmp(f.payload, data, 256), 0);
    n = client_frame(buf, 0x82, data, 65536);
    ASSERT_HEX_EQ(buf, 10, "82ff0000000000010000");
    CU_ASSERT_EQUAL_FATAL(read_one(&r, buf, n, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.frame_len, 14 + 65536);
    CU_ASSERT_EQUAL(memcmp(f.payload, data, 65536), 0);
    free(data);
    free(buf);
}

/* Read in pieces: every proper prefix is "need more" and changes nothing,
 * neither the bytes nor the reader; the bytes after a frame are left. */
static void test_every_prefix_needs_more(void)
{
    static const size_t lengths[] = {0, 5, 125, 126, 300, 65535, 65536};
    uint8_t *data = malloc(65536), *buf = malloc(65536 + 20), *copy = malloc(65536 + 20);
    for (size_t i = 0; i < 65536; i++)
        data[i] = (uint8_t)(i * 13 + 1);
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        ws_reader r, before;
        ws_frame f;
        ws_reader_init(&r, 65536);
        size_t n = client_frame(buf, 0x02, data, lengths[k]);   /* FIN clear */
        memcpy(copy, buf, n);
        before = r;
        size_t step = lengths[k] > 300 ? 997 : 1;
        for (size_t len = 0; len < n; len += (len < 16 ? 1 : step)) {
            CU_ASSERT_EQUAL(read_one(&r, buf, len, &f), SEE_ERR_NEED_MORE);
        }
        CU_ASSERT_EQUAL(read_one(&r, buf, n - 1, &f), SEE_ERR_NEED_MORE);
        CU_ASSERT_EQUAL(memcmp(buf, copy, n), 0);
        CU_ASSERT_EQUAL(memcmp(&r, &before, sizeof r), 0);
        buf[n] = 0x81;   /* the next frame's first byte */
        CU_ASSERT_EQUAL(read_one(&r, buf, n + 1, &f), SEE_OK);
        CU_ASSERT_EQUAL(f.frame_len, n);
        CU_ASSERT_EQUAL(f.payload_len, lengths[k]);
        CU_ASSERT_EQUAL(memcmp(f.payload, data, lengths[k]), 0);
    }
    free(data);
    free(buf);
    free(copy);
}

/* ------------------------------------------------------ frame errors --- */

/* The status of reading raw (hex) with a reader taking max bytes; the
 * close code it answers checked as close. */
static see_status read_hex(const char *hex, size_t max, uint16_t close)
{
    size_t n;
    uint8_t *bytes = hex_alloc(hex, &n);
    ws_reader r;
    ws_frame f;
    ws_reader_init(&r, max);
    see_status st = ws_read_frame(&r, bytes, n, &f);
    if (st != SEE_OK && st != SEE_ERR_NEED_MORE)
        CU_ASSERT_EQUAL(ws_close_code_of(st), close);
    free(bytes);
    return st;
}

static void test_header_errors(void)
{
    /* RSV1, RSV2, RSV3: known from the first byte alone */
    CU_ASSERT_EQUAL(read_hex("c1", 100, 1002), SEE_ERR_WS_RSV);
    CU_ASSERT_EQUAL(read_hex("a1", 100, 1002), SEE_ERR_WS_RSV);
    CU_ASSERT_EQUAL(read_hex("91", 100, 1002), SEE_ERR_WS_RSV);
    /* the reserved opcodes 3-7 and B-F */
    static const char *reserved[] = {"83", "84", "85", "86", "87", "8b", "8c", "8d", "8e", "8f"};
    for (size_t i = 0; i < 10; i++)
        CU_ASSERT_EQUAL(read_hex(reserved[i], 100, 1002), SEE_ERR_WS_OPCODE);
    /* every known opcode reads */
    CU_ASSERT_EQUAL(read_hex("8180" "00000000", 100, 0), SEE_OK);
    CU_ASSERT_EQUAL(read_hex("8280" "00000000", 100, 0), SEE_OK);
    CU_ASSERT_EQUAL(read_hex("8880" "00000000", 100, 0), SEE_OK);
    CU_ASSERT_EQUAL(read_hex("8980" "00000000", 100, 0), SEE_OK);
    CU_ASSERT_EQUAL(read_hex("8a80" "00000000", 100, 0), SEE_OK);
    /* not masked: known from the second byte */
    CU_ASSERT_EQUAL(read_hex("8100", 100, 1002), SEE_ERR_WS_UNMASKED);
    CU_ASSERT_EQUAL(read_hex("827e", 100, 1002), SEE_ERR_WS_UNMASKED);
    /* control frames: fragmented, or over 125 bytes (5.5) */
    CU_ASSERT_EQUAL(read_hex("09", 100, 1002), SEE_ERR_WS_CONTROL);
    CU_ASSERT_EQUAL(read_hex("08", 100, 1002), SEE_ERR_WS_CONTROL);
    CU_ASSERT_EQUAL(read_hex("0a", 100, 1002), SEE_ERR_WS_CONTROL);
    CU_ASSERT_EQUAL(read_hex("89fe", 100, 1002), SEE_ERR_WS_CONTROL);
    CU_ASSERT_EQUAL(read_hex("89ff", 100, 1002), SEE_ERR_WS_CONTROL);
    CU_ASSERT_EQUAL(read_hex("89fd", 100, 0), SEE_ERR_NEED_MORE);   /* 125: fine */
}

static void test_length_encodings(void)
{
    /* 16 bits for 0..125 is not the fewest bytes; 126 is */
    CU_ASSERT_EQUAL(read_hex("82fe007d", 1000, 1002), SEE_ERR_WS_LENGTH);
    CU_ASSERT_EQUAL(read_hex("82fe0000", 1000, 1002), SEE_ERR_WS_LENGTH);
    CU_ASSERT_EQUAL(read_hex("82fe007e", 1000, 0), SEE_ERR_NEED_MORE);
    /* 64 bits for up to 65535 is not; 65536 is */
    CU_ASSERT_EQUAL(read_hex("82ff000000000000ffff", 1 << 20, 1002), SEE_ERR_WS_LENGTH);
    CU_ASSERT_EQUAL(read_hex("82ff000000000000007e", 1 << 20, 1002), SEE_ERR_WS_LENGTH);
    CU_ASSERT_EQUAL(read_hex("82ff0000000000010000", 1 << 20, 0), SEE_ERR_NEED_MORE);
    /* the 64-bit length's top bit (5.2: MUST be 0) */
    CU_ASSERT_EQUAL(read_hex("82ff8000000000010000", 1 << 20, 1002), SEE_ERR_WS_LENGTH);
    CU_ASSERT_EQUAL(read_hex("82ffffffffffffffffff", 1 << 20, 1002), SEE_ERR_WS_LENGTH);
    /* 2^62 bytes announced: refused at the header, not after the bytes */
    CU_ASSERT_EQUAL(read_hex("82ff4000000000000000", 1 << 20, 1009), SEE_ERR_WS_TOO_BIG);
    /* a partial extended length is "need more" */
    CU_ASSERT_EQUAL(read_hex("82fe00", 1000, 0), SEE_ERR_NEED_MORE);
    CU_ASSERT_EQUAL(read_hex("82ff00000000000100", 1 << 20, 0), SEE_ERR_NEED_MORE);
}

/* A message of len bytes as frames of the given sizes (0-terminated
 * list), read by a reader taking max bytes: the first failure or SEE_OK. */
static see_status read_fragments(size_t max, const size_t *sizes, uint8_t first_opcode)
{
    uint8_t *data = calloc(1, 70000), *buf = malloc(70000 + 14);
    ws_reader r;
    ws_frame f;
    ws_reader_init(&r, max);
    see_status st = SEE_OK;
    for (size_t i = 0; sizes[i] != 0 && st == SEE_OK; i++) {
        uint8_t fin = sizes[i + 1] == 0 ? 0x80 : 0;
        uint8_t op = i == 0 ? first_opcode : WS_CONTINUATION;
        size_t n = client_frame(buf, (uint8_t)(fin | op), data, sizes[i]);
        st = ws_read_frame(&r, buf, n, &f);
    }
    free(data);
    free(buf);
    return st;
}

static void test_message_limit(void)
{
    CU_ASSERT_EQUAL(read_fragments(100, (size_t[]){100, 0}, WS_BINARY), SEE_OK);
    CU_ASSERT_EQUAL(read_fragments(100, (size_t[]){101, 0}, WS_BINARY), SEE_ERR_WS_TOO_BIG);
    CU_ASSERT_EQUAL(read_fragments(100, (size_t[]){60, 40, 0}, WS_BINARY), SEE_OK);
    CU_ASSERT_EQUAL(read_fragments(100, (size_t[]){60, 41, 0}, WS_TEXT), SEE_ERR_WS_TOO_BIG);
    CU_ASSERT_EQUAL(read_fragments(100, (size_t[]){50, 30, 20, 0}, WS_TEXT), SEE_OK);
    CU_ASSERT_EQUAL(read_fragments(100, (size_t[]){50, 30, 21, 0}, WS_TEXT), SEE_ERR_WS_TOO_BIG);
    CU_ASSERT_EQUAL(read_fragments(65536, (size_t[]){65536, 0}, WS_BINARY), SEE_OK);
    CU_ASSERT_EQUAL(read_fragments(65535, (size_t[]){65536, 0}, WS_BINARY), SEE_ERR_WS_TOO_BIG);
    /* known from the header: 101 announced, no payload sent yet */
    CU_ASSERT_EQUAL(read_hex("82e5" "00000000", 100, 1009), SEE_ERR_WS_TOO_BIG);
    CU_ASSERT_EQUAL(read_hex("82e4" "00000000", 100, 0), SEE_ERR_NEED_MORE);
    /* a new message after a finished one starts from zero */
    uint8_t buf[200], data[100] = {0};
    ws_reader r;
    ws_frame f;
    ws_reader_init(&r, 100);
    for (int i = 0; i < 3; i++) {
        size_t n = client_frame(buf, 0x82, data, 100);
        CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
    }
}

static void test_fragment_order(void)
{
    ws_reader r;
    ws_frame f;
    uint8_t buf[64];
    size_t n;
    /* a continuation with no message begun */
    ws_reader_init(&r, 100);
    n = client_frame(buf, 0x80, "x", 1);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_ERR_WS_FRAGMENT);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_FRAGMENT), 1002);
    /* a new text message inside one */
    ws_reader_init(&r, 100);
    n = client_frame(buf, 0x01, "a", 1);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
    n = client_frame(buf, 0x81, "b", 1);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_ERR_WS_FRAGMENT);
    /* control frames between fragments are fine (5.4) */
    ws_reader_init(&r, 100);
    n = client_frame(buf, 0x02, "a", 1);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
    n = client_frame(buf, 0x89, "ping", 4);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.message_opcode, WS_PING);
    CU_ASSERT_TRUE(r.in_message);
    n = client_frame(buf, 0x80, "b", 1);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.message_opcode, WS_BINARY);
    CU_ASSERT_FALSE(r.in_message);
}

/* ------------------------------------------------------------ UTF-8 --- */

/* A text message's UTF-8 is checked across its frames: a character may be
 * split between two, and must not be left half-way at the end. */
static void test_utf8_across_fragments(void)
{
    static const uint8_t euro[] = {0xe2, 0x82, 0xac};
    CU_ASSERT_EQUAL(read_hex("81" "81" "00000000" "e2", 100, 1007), SEE_ERR_WS_UTF8);
    for (size_t split = 0; split <= 3; split++) {
        ws_reader r;
        ws_frame f;
        uint8_t buf[32];
        ws_reader_init(&r, 100);
        size_t n = client_frame(buf, 0x01, euro, split);
        CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
        n = client_frame(buf, 0x80, euro + split, 3 - split);
        CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
        /* the same split, the message ended after the first part */
        ws_reader_init(&r, 100);
        n = client_frame(buf, 0x81, euro, split);
        CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f),
                        split == 0 || split == 3 ? SEE_OK : SEE_ERR_WS_UTF8);
    }
    /* a bad byte in a later fragment; binary is never checked */
    ws_reader r;
    ws_frame f;
    uint8_t buf[32];
    ws_reader_init(&r, 100);
    size_t n = client_frame(buf, 0x01, euro, 2);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
    n = client_frame(buf, 0x00, "\x41", 1);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_ERR_WS_UTF8);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_UTF8), 1007);
    ws_reader_init(&r, 100);
    n = client_frame(buf, 0x82, "\xff\xfe", 2);
    CU_ASSERT_EQUAL(ws_read_frame(&r, buf, n, &f), SEE_OK);
}

/* ------------------------------------------------------ close frames --- */

static see_status read_close(uint16_t code, const char *reason, ws_frame *f, uint8_t *buf)
{
    uint8_t body[130];
    size_t len = strlen(reason);
    body[0] = (uint8_t)(code >> 8);
    body[1] = (uint8_t)code;
    memcpy(body + 2, reason, len);
    ws_reader r;
    ws_reader_init(&r, 100);
    size_t n = client_frame(buf, 0x88, body, 2 + len);
    return ws_read_frame(&r, buf, n, f);
}

static void test_close_frames(void)
{
    ws_frame f;
    uint8_t buf[200];
    CU_ASSERT_EQUAL(read_close(1000, "bye", &f, buf), SEE_OK);
    CU_ASSERT_EQUAL(f.close_code, 1000);
    CU_ASSERT_EQUAL(f.close_reason_len, 3);
    CU_ASSERT_EQUAL(memcmp(f.close_reason, "bye", 3), 0);
    /* an empty body: no code (1005 stands for that) */
    CU_ASSERT_EQUAL(read_hex("8880" "00000000", 100, 0), SEE_OK);
    ws_reader r;
    ws_reader_init(&r, 100);
    uint8_t empty[] = {0x88, 0x80, 1, 2, 3, 4};
    CU_ASSERT_EQUAL(ws_read_frame(&r, empty, sizeof empty, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.close_code, WS_CLOSE_NO_STATUS);
    /* a 1-byte body */
    CU_ASSERT_EQUAL(read_hex("8881" "00000000" "03", 100, 1002), SEE_ERR_WS_CLOSE);
    /* ...also when the byte after it (the next frame's) would make a valid code */
    CU_ASSERT_EQUAL(read_hex("8881" "00000000" "0f" "88", 100, 1002), SEE_ERR_WS_CLOSE);
    /* 7.4: which codes may be on the wire */
    static const uint16_t valid[] = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010,
                                     1011, 3000, 3999, 4000, 4999};
    static const uint16_t invalid[] = {0, 999, 1004, 1005, 1006, 1012, 1014, 1015,
                                       1016, 2000, 2999, 5000, 65535};
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        CU_ASSERT_EQUAL(read_close(valid[i], "", &f, buf), SEE_OK);
        CU_ASSERT_EQUAL(f.close_code, valid[i]);
    }
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
        CU_ASSERT_EQUAL(read_close(invalid[i], "", &f, buf), SEE_ERR_WS_CLOSE);
    /* the reason is UTF-8 */
    CU_ASSERT_EQUAL(read_close(1000, "caf\xc3\xa9", &f, buf), SEE_OK);
    CU_ASSERT_EQUAL(read_close(1000, "caf\xc3", &f, buf), SEE_ERR_WS_UTF8);
    CU_ASSERT_EQUAL(read_close(1000, "\xed\xa0\x80", &f, buf), SEE_ERR_WS_UTF8);
    /* 123 bytes of reason is the most a control frame holds */
    char reason[124];
    memset(reason, 'r', 123);
    reason[123] = '\0';
    CU_ASSERT_EQUAL(read_close(1000, reason, &f, buf), SEE_OK);
    CU_ASSERT_EQUAL(f.close_reason_len, 123);
}

static void test_close_code_of(void)
{
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_RSV), 1002);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_OPCODE), 1002);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_UNMASKED), 1002);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_CONTROL), 1002);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_LENGTH), 1002);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_CLOSE), 1002);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_UTF8), 1007);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_WS_TOO_BIG), 1009);
    CU_ASSERT_EQUAL(ws_close_code_of(SEE_ERR_TLS_IO), 1011);
}

/* ----------------------------------------------------- server frames --- */

static void test_writer(void)
{
    uint8_t buf[300];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_close(&w, 1000, "bye"), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "880503e8627965");
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_close(&w, 1009, NULL), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "880203f1");
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_TEXT, "", 0), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "8100");
    /* the length's three forms at their edges */
    CU_ASSERT_EQUAL(ws_frame_size(125), 2 + 125);
    CU_ASSERT_EQUAL(ws_frame_size(126), 4 + 126);
    CU_ASSERT_EQUAL(ws_frame_size(65535), 4 + 65535);
    uint8_t data[200] = {0};
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_BINARY, data, 125), SEE_OK);
    ASSERT_HEX_EQ(buf, 2, "827d");
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_BINARY, data, 126), SEE_OK);
    ASSERT_HEX_EQ(buf, 4, "827e007e");
    /* refused: a control frame over 125, bad text, opcodes not sent */
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_PING, data, 125), SEE_OK);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_PING, data, 126), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_PONG, data, 126), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_TEXT, "\xc0\xaf", 2), SEE_ERR_WS_UTF8);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_CONTINUATION, "a", 1), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_CLOSE, "ab", 2), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_frame(&w, 3, "a", 1), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_close(&w, 1005, NULL), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_close(&w, 1006, NULL), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_close(&w, 1000, "\xff"), SEE_ERR_WS_UTF8);
    char reason[125];
    memset(reason, 'r', 124);
    reason[124] = '\0';
    CU_ASSERT_EQUAL(ws_write_close(&w, 1000, reason), SEE_ERR_ARGUMENT);
    reason[123] = '\0';
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_close(&w, 1000, reason), SEE_OK);
    CU_ASSERT_EQUAL(w.len, 2 + 125);
    /* too small a buffer fails, never overflows */
    writer_init(&w, buf, 6);
    CU_ASSERT_EQUAL(ws_write_frame(&w, WS_TEXT, "Hello", 5), SEE_ERR_BUFFER_SMALL);
}

/* What the server writes, masked as a client would send it, reads back. */
static void test_written_frames_read_back(void)
{
    static const uint8_t opcodes[] = {WS_TEXT, WS_BINARY, WS_PING, WS_PONG};
    static const size_t lengths[] = {0, 1, 125, 126, 1000, 65535, 65536};
    uint8_t *buf = malloc(70000), *data = malloc(65536);
    memset(data, 'a', 65536);
    for (size_t o = 0; o < 4; o++) {
        for (size_t k = 0; k < 7; k++) {
            if (opcodes[o] >= WS_CLOSE && lengths[k] > 125)
                continue;
            writer w;
            writer_init(&w, buf, 70000);
            CU_ASSERT_EQUAL_FATAL(ws_write_frame(&w, opcodes[o], data, lengths[k]), SEE_OK);
            size_t header = w.len - lengths[k];
            /* set MASK with the all-zero key: the payload is unchanged */
            uint8_t *client = malloc(w.len + 4);
            memcpy(client, buf, header);
            client[1] |= 0x80;
            memset(client + header, 0, 4);
            memcpy(client + header + 4, buf + header, lengths[k]);
            ws_reader r;
            ws_frame f;
            ws_reader_init(&r, 65536);
            CU_ASSERT_EQUAL(ws_read_frame(&r, client, w.len + 4, &f), SEE_OK);
            CU_ASSERT_EQUAL(f.opcode, opcodes[o]);
            CU_ASSERT_EQUAL(f.payload_len, lengths[k]);
            CU_ASSERT_EQUAL(f.frame_len, w.len + 4);
            free(client);
        }
    }
    free(buf);
    free(data);
}

/* ------------------------------------------------------ client side --- */

/* RFC 6455 5.7: "A single-frame masked text message", written by a
 * client with the RFC's key, byte for byte. */
static void test_rfc_masked_hello_written(void)
{
    uint8_t buf[32];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(ws_write_masked_frame(&w, WS_TEXT, "Hello", 5, rfc_mask), SEE_OK);
    ASSERT_HEX_EQ(buf, w.len, "8185" "37fa213d" "7f9f4d5158");
    /* the same refusals as the server's writer */
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(ws_write_masked_frame(&w, WS_CLOSE, "", 0, rfc_mask), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(ws_write_masked_frame(&w, WS_TEXT, "\xc0\x80", 2, rfc_mask),
                    SEE_ERR_WS_UTF8);
}

/* The masked writer's length forms (5.2) with MASK set, read back by a
 * server's reader; and a fresh mask for each frame from the RNG. */
static void test_client_frames_read_back(void)
{
    static const size_t lengths[] = {0, 1, 125, 126, 65535, 65536};
    uint8_t *data = malloc(65536), *buf = malloc(65536 + WS_MAX_HEADER);
    for (size_t i = 0; i < 65536; i++)
        data[i] = (uint8_t)(i * 7 + 1);
    see_rng rng;
    rng_init_seeded(&rng, "ws", 2);
    uint8_t first_mask[4] = {0};
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        writer w;
        writer_init(&w, buf, 65536 + WS_MAX_HEADER);
        CU_ASSERT_EQUAL_FATAL(ws_write_client_frame(&w, &rng, WS_BINARY, data, lengths[k]),
                              SEE_OK);
        CU_ASSERT_EQUAL(w.len, ws_frame_size(lengths[k]) + 4);
        CU_ASSERT_EQUAL(buf[1] & 0x80, 0x80);
        size_t mask_at = w.len - lengths[k] - 4;
        if (k == 0)
            memcpy(first_mask, buf + mask_at, 4);
        else
            CU_ASSERT_NOT_EQUAL(memcmp(first_mask, buf + mask_at, 4), 0);
        ws_reader r;
        ws_frame f;
        ws_reader_init(&r, 65536);
        CU_ASSERT_EQUAL_FATAL(ws_read_frame(&r, buf, w.len, &f), SEE_OK);
        CU_ASSERT_EQUAL(f.frame_len, w.len);
        CU_ASSERT_EQUAL(f.payload_len, lengths[k]);
        CU_ASSERT_EQUAL(memcmp(f.payload, data, lengths[k]), 0);
    }
    free(data);
    free(buf);
}

/* RFC 6455 5.7's unmasked frames, read by a client: the server's; the
 * masked one refused (5.1), with close code 1002; a frame's every prefix
 * needs more. */
static void test_client_reader(void)
{
    ws_reader r;
    ws_frame f;
    ws_reader_init_client(&r, 1 << 20);
    uint8_t hello[] = {0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
    for (size_t n = 0; n < sizeof hello; n++)
        CU_ASSERT_EQUAL(ws_read_frame(&r, hello, n, &f), SEE_ERR_NEED_MORE);
    CU_ASSERT_EQUAL_FATAL(ws_read_frame(&r, hello, sizeof hello, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.opcode, WS_TEXT);
    CU_ASSERT_EQUAL(f.fin, 1);
    CU_ASSERT_EQUAL(f.frame_len, sizeof hello);
    CU_ASSERT_EQUAL(f.payload_len, 5);
    CU_ASSERT_EQUAL(memcmp(f.payload, "Hello", 5), 0);
    uint8_t ping[] = {0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f};
    CU_ASSERT_EQUAL_FATAL(ws_read_frame(&r, ping, sizeof ping, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.opcode, WS_PING);
    uint8_t masked[] = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};
    see_status st = ws_read_frame(&r, masked, sizeof masked, &f);
    CU_ASSERT_EQUAL(st, SEE_ERR_WS_MASKED);
    CU_ASSERT_EQUAL(ws_close_code_of(st), WS_CLOSE_PROTOCOL_ERROR);
    /* the other checks stay: bad UTF-8 from a server is refused too */
    uint8_t bad_text[] = {0x81, 0x02, 0xc0, 0x80};
    CU_ASSERT_EQUAL(ws_read_frame(&r, bad_text, sizeof bad_text, &f), SEE_ERR_WS_UTF8);
    /* and a server's reader still refuses the unmasked one */
    ws_reader_init(&r, 1 << 20);
    CU_ASSERT_EQUAL(ws_read_frame(&r, hello, sizeof hello, &f), SEE_ERR_WS_UNMASKED);
}

/* What the server's writer writes, a client's reader reads. */
static void test_server_frames_read_by_client(void)
{
    uint8_t buf[300], payload[200];
    memset(payload, 'a', sizeof payload);
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(ws_write_frame(&w, WS_TEXT, payload, sizeof payload), SEE_OK);
    ws_reader r;
    ws_frame f;
    ws_reader_init_client(&r, 1024);
    CU_ASSERT_EQUAL_FATAL(ws_read_frame(&r, buf, w.len, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.payload_len, sizeof payload);
    CU_ASSERT_EQUAL(f.frame_len, w.len);
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(ws_write_close(&w, WS_CLOSE_GOING_AWAY, "bye"), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(ws_read_frame(&r, buf, w.len, &f), SEE_OK);
    CU_ASSERT_EQUAL(f.close_code, WS_CLOSE_GOING_AWAY);
}

/* RFC 6455 1.3's handshake as the client sees it: the request our client
 * writes is one the server takes, and the RFC's own answer to the sample
 * nonce is accepted. */
static const char rfc_answer[] =
    "HTTP/1.1 101 Switching Protocols\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
#define RFC_KEY "dGhlIHNhbXBsZSBub25jZQ=="

static see_status check_answer(const char *text, size_t *head_len)
{
    return ws_check_handshake_answer((const uint8_t *)text, strlen(text), RFC_KEY, head_len);
}

static void test_client_handshake(void)
{
    uint8_t buf[700];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(ws_write_client_handshake(&w, "alex.lab:8443", "/ws",
                                                    "https://alex.lab:8443", RFC_KEY), SEE_OK);
    http_request req;
    ws_handshake hs;
    CU_ASSERT_EQUAL_FATAL(http_parse_request(buf, w.len, &req), SEE_OK);
    CU_ASSERT_EQUAL(req.head_len, w.len);
    CU_ASSERT_EQUAL_FATAL(ws_check_handshake(&req, &hs), SEE_OK);
    CU_ASSERT_TRUE(ws_origin_is_host(&hs, &req));
    CU_ASSERT_STRING_EQUAL(hs.accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    /* the server's 101 for it, then a frame: the head ends before it */
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL_FATAL(ws_write_handshake_response(&w, &hs), SEE_OK);
    size_t head = w.len, head_len = 0;
    CU_ASSERT_EQUAL_FATAL(ws_write_frame(&w, WS_TEXT, "hi", 2), SEE_OK);
    CU_ASSERT_EQUAL(ws_check_handshake_answer(buf, w.len, RFC_KEY, &head_len), SEE_OK);
    CU_ASSERT_EQUAL(head_len, head);
    for (size_t n = 0; n < head; n++)
        CU_ASSERT_EQUAL(ws_check_handshake_answer(buf, n, RFC_KEY, &head_len),
                        SEE_ERR_NEED_MORE);
    CU_ASSERT_EQUAL(check_answer(rfc_answer, &head_len), SEE_OK);
    CU_ASSERT_EQUAL(head_len, strlen(rfc_answer));
    /* a fresh key is 16 random bytes in base64 */
    see_rng rng;
    rng_init_seeded(&rng, "key", 3);
    char key[WS_KEY_LEN + 1], other[WS_KEY_LEN + 1];
    CU_ASSERT_EQUAL(ws_client_key(&rng, key), SEE_OK);
    CU_ASSERT_EQUAL(ws_client_key(&rng, other), SEE_OK);
    CU_ASSERT_EQUAL(strlen(key), WS_KEY_LEN);
    CU_ASSERT_STRING_NOT_EQUAL(key, other);
}

/* rfc_answer with its line `line` (the start of it) replaced by with. */
static char *answer_with(const char *line, const char *with)
{
    static char out[600];
    const char *at = strstr(rfc_answer, line);
    const char *end = strstr(at, "\r\n") + 2;
    snprintf(out, sizeof out, "%.*s%s%s", (int)(at - rfc_answer), rfc_answer, with, end);
    return out;
}

/* 4.1: every answer the client must fail the connection on. */
static void test_client_handshake_refusals(void)
{
    size_t n;
    CU_ASSERT_EQUAL(check_answer(answer_with("HTTP/1.1", "HTTP/1.1 403 Forbidden\r\n"), &n),
                    SEE_ERR_WS_NOT_SWITCHED);
    CU_ASSERT_EQUAL(check_answer(answer_with("HTTP/1.1", "HTTP/1.1 200 OK\r\n"), &n),
                    SEE_ERR_WS_NOT_SWITCHED);
    CU_ASSERT_EQUAL(check_answer(answer_with("Upgrade:", "Upgrade: h2c\r\n"), &n),
                    SEE_ERR_WS_NOT_SWITCHED);
    CU_ASSERT_EQUAL(check_answer(answer_with("Connection:", "Connection: close\r\n"), &n),
                    SEE_ERR_WS_NOT_SWITCHED);
    CU_ASSERT_EQUAL(check_answer(answer_with("Connection:", "Connection: Upgrade\r\n"
                                             "Sec-WebSocket-Extensions: x\r\n"), &n),
                    SEE_ERR_WS_NOT_SWITCHED);
    /* the accept value: one character off, lower-cased, absent, twice */
    CU_ASSERT_EQUAL(check_answer(answer_with("Sec-WebSocket-Accept:",
                    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOp=\r\n"), &n),
                    SEE_ERR_WS_ACCEPT);
    CU_ASSERT_EQUAL(check_answer(answer_with("Sec-WebSocket-Accept:",
                    "Sec-WebSocket-Accept: s3pplmbitxaq9kygzzhzrbk+xoo=\r\n"), &n),
                    SEE_ERR_WS_ACCEPT);
    CU_ASSERT_EQUAL(check_answer(answer_with("Sec-WebSocket-Accept:", ""), &n),
                    SEE_ERR_WS_ACCEPT);
    CU_ASSERT_EQUAL(check_answer(answer_with("Sec-WebSocket-Accept:",
                    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), &n),
                    SEE_ERR_WS_ACCEPT);
    /* the head itself: the status line's form, line ends, its size */
    CU_ASSERT_EQUAL(check_answer(answer_with("HTTP/1.1", "HTTP/1.1 101\r\n"), &n),
                    SEE_ERR_HTTP_STATUS_LINE);
    CU_ASSERT_EQUAL(check_answer(answer_with("HTTP/1.1", "HTTP/1.1 1O1 Switching\r\n"), &n),
                    SEE_ERR_HTTP_STATUS_LINE);
    CU_ASSERT_EQUAL(check_answer(answer_with("HTTP/1.1", "ICY 101 Switching\r\n"), &n),
                    SEE_ERR_HTTP_STATUS_LINE);
    CU_ASSERT_EQUAL(check_answer(answer_with("HTTP/1.1", "HTTP/2.0 101 Switching\r\n"), &n),
                    SEE_ERR_HTTP_VERSION);
    CU_ASSERT_EQUAL(check_answer(answer_with("Upgrade:", "Upgrade: websocket\n"), &n),
                    SEE_ERR_HTTP_LINE_END);
    uint8_t *big = malloc(HTTP_MAX_HEAD + 10);
    memcpy(big, "HTTP/1.1 101 Switching Protocols\r\nX: ", 37);
    memset(big + 37, 'a', HTTP_MAX_HEAD + 10 - 37);
    CU_ASSERT_EQUAL(ws_check_handshake_answer(big, HTTP_MAX_HEAD + 10, RFC_KEY, &n),
                    SEE_ERR_HTTP_HEAD_TOO_LARGE);
    free(big);
}

static CU_TestInfo tests[] = {
    {"RFC 6455 4.2.2: the accept value of the sample nonce", test_rfc_accept_value},
    {"a browser's handshake and the exact 101", test_browser_handshake},
    {"handshake: tokens case-insensitive, in lists, Origin optional",
     test_handshake_forms_accepted},
    {"handshake refusals: 400, 426", test_handshake_refusals},
    {"refusals' exact bytes (426 names version 13)", test_refusal_bytes},
    {"Origin is https:// and the Host", test_origin},
    {"RFC 6455 5.7 written: Hello, ping, pong, 256 and 64 KiB headers",
     test_rfc_examples_written},
    {"RFC 6455 5.7 read: masked Hello and pong; unmasked refused", test_rfc_examples_read},
    {"RFC 6455 5.7 read: fragmented Hel + lo", test_rfc_fragments_read},
    {"RFC 6455 5.7 read: 256 bytes and 64 KiB", test_rfc_long_lengths_read},
    {"every prefix needs more and changes nothing", test_every_prefix_needs_more},
    {"header errors: RSV, opcode, mask, control frames", test_header_errors},
    {"lengths: fewest bytes, top bit, announced too big", test_length_encodings},
    {"message limit: at and one over, across fragments", test_message_limit},
    {"fragment order; control frames between fragments", test_fragment_order},
    {"UTF-8 across fragments", test_utf8_across_fragments},
    {"close frames: codes, 1-byte body, reason UTF-8", test_close_frames},
    {"close code for each error", test_close_code_of},
    {"server frames: bytes, length forms, refusals", test_writer},
    {"server frames read back", test_written_frames_read_back},
    {"RFC 6455 5.7 written by a client: masked Hello", test_rfc_masked_hello_written},
    {"client frames: lengths, MASK set, a fresh mask, read back", test_client_frames_read_back},
    {"client reader: RFC 6455 5.7 unmasked Hello; masked refused", test_client_reader},
    {"server frames read by a client", test_server_frames_read_by_client},
    {"client handshake: our GET taken, RFC 6455 1.3's answer checked",
     test_client_handshake},
    {"client handshake: 4.1's refusals, the head's errors", test_client_handshake_refusals},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("websocket", tests);
}
