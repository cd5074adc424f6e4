/*
 * fuzz_http_request.c: the bytes as the start of an HTTP request head
 * (codec/http.h), then, when it parses, as a WebSocket handshake
 * (codec/websocket.h). Whatever the bytes:
 *  - every span of an accepted head lies inside the input, within the
 *    limits (head, target, field count), the method GET, the target a
 *    path; head_len is where the empty line ends;
 *  - "need more" only below HTTP_MAX_HEAD bytes; every proper prefix of an
 *    accepted head is "need more", and the head read in pieces (the first
 *    byte picks their size) is the same head;
 *  - every refusal has an HTTP status and an answer that fits 512 bytes;
 *  - an accepted handshake's key is 24 characters inside the input, its
 *    accept value 28, its Origin inside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec/http.h"
#include "codec/websocket.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void span_inside(http_span s)
{
    input_inside((const uint8_t *)s.ptr, s.len);
}

static void check_accepted(const http_request *req, size_t size)
{
    if (req->head_len > size || req->head_len > HTTP_MAX_HEAD ||
        req->field_count > HTTP_MAX_FIELDS || req->target.len > HTTP_MAX_TARGET ||
        req->target.ptr[0] != '/' || !http_span_equals_nocase(req->method, "GET") ||
        (req->version_minor != 0 && req->version_minor != 1))
        abort();
    span_inside(req->method);
    span_inside(req->target);
    span_inside(req->path);
    span_inside(req->query);
    for (size_t i = 0; i < req->field_count; i++) {
        span_inside(req->fields[i].name);
        span_inside(req->fields[i].value);
        if (req->fields[i].name.len == 0)
            abort();
    }
}

static void check_refusal(see_status st)
{
    int status = ws_http_status_of(st);
    if (status < 400 || status > 505)
        abort();
    uint8_t out[512];
    writer w;
    writer_init(&w, out, sizeof out);
    if (ws_write_handshake_refusal(&w, st) != SEE_OK)
        abort();
}

static void check_prefixes(const uint8_t *buf, const http_request *req)
{
    http_request again;
    size_t cuts[] = {0, 1, req->head_len / 2, req->head_len - 2, req->head_len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        if (cuts[i] < req->head_len &&
            http_parse_request(buf, cuts[i], &again) != SEE_ERR_NEED_MORE)
            abort();
}

/* Read as a server does: a few bytes more each time, until the answer is
 * not "need more". */
static see_status parse_in_pieces(const uint8_t *buf, size_t size, size_t step,
                                  http_request *req)
{
    see_status st = SEE_ERR_NEED_MORE;
    for (size_t have = 0; st == SEE_ERR_NEED_MORE && have < size;) {
        have = size - have < step ? size : have + step;
        st = http_parse_request(buf, have, req);
    }
    return st;
}

static void check_handshake(const http_request *req)
{
    ws_handshake hs;
    see_status st = ws_check_handshake(req, &hs);
    if (st != SEE_OK) {
        check_refusal(st);
        return;
    }
    if (hs.key.len != WS_KEY_LEN || strlen(hs.accept) != WS_ACCEPT_LEN)
        abort();
    span_inside(hs.key);
    span_inside(hs.origin);
    (void)ws_origin_is_host(&hs, req);
    uint8_t out[256];
    writer w;
    writer_init(&w, out, sizeof out);
    if (ws_write_handshake_response(&w, &hs) != SEE_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t step = 1 + data[0] % 97;
    uint8_t *buf = input_copy(data + 1, size - 1);
    if (buf == NULL)
        abort();
    size--;

    http_request req, pieces;
    see_status st = http_parse_request(buf, size, &req);
    if (st == SEE_ERR_NEED_MORE) {
        if (size >= HTTP_MAX_HEAD)
            abort();
    } else if (st != SEE_OK) {
        check_refusal(st);
    } else {
        check_accepted(&req, size);
        check_prefixes(buf, &req);
        if (parse_in_pieces(buf, size, step, &pieces) != SEE_OK ||
            pieces.head_len != req.head_len || pieces.field_count != req.field_count)
            abort();
        (void)http_field_has_token(&req, "Connection", "upgrade");
        check_handshake(&req);
    }
    free(buf);
    return 0;
}
