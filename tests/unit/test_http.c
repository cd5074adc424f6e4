/*
 * test_http.c: the HTTP/1.1 request head (codec/http.h): a browser's
 * request parsed field by field; every prefix of it "need more"; each
 * refusal by its error and the HTTP status it answers; each limit exactly
 * at and one over; the answers' exact bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/http.h"
#include "tests/unit/harness.h"

/* What Chromium sends for a page (its WebSocket request adds the
 * Upgrade fields: test_websocket). */
static const char browser_request[] =
    "GET /status?view=full HTTP/1.1\r\n"
    "Host: alex.lab:8443\r\n"
    "Connection: keep-alive\r\n"
    "sec-ch-ua-platform: \"Linux\"\r\n"
    "Upgrade-Insecure-Requests: 1\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0\r\n"
    "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Accept-Language:   en-US \t\r\n"
    "\r\n";

static see_status parse_text(const char *text, http_request *req)
{
    return http_parse_request((const uint8_t *)text, strlen(text), req);
}

static int span_is(http_span s, const char *text)
{
    return s.len == strlen(text) && memcmp(s.ptr, text, s.len) == 0;
}

static void test_browser_request(void)
{
    http_request req;
    CU_ASSERT_EQUAL_FATAL(parse_text(browser_request, &req), SEE_OK);
    CU_ASSERT(span_is(req.method, "GET"));
    CU_ASSERT(span_is(req.target, "/status?view=full"));
    CU_ASSERT(span_is(req.path, "/status"));
    CU_ASSERT(span_is(req.query, "view=full"));
    CU_ASSERT_EQUAL(req.version_minor, 1);
    CU_ASSERT_EQUAL(req.field_count, 8);
    CU_ASSERT_EQUAL(req.head_len, strlen(browser_request));
    CU_ASSERT(span_is(req.fields[0].name, "Host"));
    CU_ASSERT(span_is(req.fields[0].value, "alex.lab:8443"));
    /* the value without the OWS around it, the name case-insensitive */
    const http_span *lang = http_field_value(&req, "accept-language");
    CU_ASSERT_PTR_NOT_NULL_FATAL(lang);
    CU_ASSERT(span_is(*lang, "en-US"));
    CU_ASSERT(span_is(*http_field_value(&req, "SEC-CH-UA-PLATFORM"), "\"Linux\""));
    CU_ASSERT_PTR_NULL(http_field_value(&req, "Origin"));
    CU_ASSERT_EQUAL(http_field_count_named(&req, "host"), 1);
    /* a path without a query */
    CU_ASSERT_EQUAL(parse_text("GET / HTTP/1.1\r\nHost: a\r\n\r\n", &req), SEE_OK);
    CU_ASSERT(span_is(req.path, "/"));
    CU_ASSERT_PTR_NULL(req.query.ptr);
}

/* Read in pieces: every proper prefix is "need more", never an error, and
 * bytes after the head (the next request) are not taken. */
static void test_every_prefix_needs_more(void)
{
    size_t n = strlen(browser_request);
    http_request req;
    for (size_t len = 0; len < n; len++) {
        uint8_t *copy = malloc(len + 1);   /* exactly len bytes to read */
        memcpy(copy, browser_request, len);
        CU_ASSERT_EQUAL(http_parse_request(copy, len, &req), SEE_ERR_NEED_MORE);
        free(copy);
    }
    char two[1024];
    snprintf(two, sizeof two, "%sGET / HTTP/1.1\r\n", browser_request);
    CU_ASSERT_EQUAL(parse_text(two, &req), SEE_OK);
    CU_ASSERT_EQUAL(req.head_len, n);
}

static void test_accepted_forms(void)
{
    http_request req;
    /* RFC 9112 2.2: empty lines before the request line are skipped */
    CU_ASSERT_EQUAL(parse_text("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", &req), SEE_OK);
    CU_ASSERT_EQUAL(req.head_len, 31);
    /* HTTP/1.0 needs no Host */
    CU_ASSERT_EQUAL(parse_text("GET /x HTTP/1.0\r\n\r\n", &req), SEE_OK);
    CU_ASSERT_EQUAL(req.version_minor, 0);
    /* percent-escapes, sub-delims, ':' and '@' in the target */
    CU_ASSERT_EQUAL(parse_text("GET /a%20b/c:d@e;f=g?h=%2F&i=(j) HTTP/1.1\r\nHost: a\r\n\r\n",
                               &req), SEE_OK);
    /* an empty value, obs-text in a value, Content-Length: 0 */
    CU_ASSERT_EQUAL(parse_text("GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n"
                               "X-Text: caf\xc3\xa9\r\nContent-Length: 000\r\n\r\n", &req),
                    SEE_OK);
    CU_ASSERT(span_is(*http_field_value(&req, "x-empty"), ""));
}

/* Each refusal: the error, and the HTTP status a server answers. */
static void expect_refused(const char *text, see_status want, int status)
{
    http_request req;
    see_status st = parse_text(text, &req);
    CU_ASSERT_EQUAL(st, want);
    CU_ASSERT_EQUAL(http_status_of(st), status);
    if (st != want)
        fprintf(stderr, "\n  %s: got %s\n", text, see_strerror(st));
}

static void test_line_ends(void)
{
    expect_refused("GET / HTTP/1.1\nHost: a\r\n\r\n", SEE_ERR_HTTP_LINE_END, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\n\r\n", SEE_ERR_HTTP_LINE_END, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\n\n", SEE_ERR_HTTP_LINE_END, 400);
    expect_refused("GET / HTTP/1.1\rHost: a\r\n\r\n", SEE_ERR_HTTP_LINE_END, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", SEE_ERR_HTTP_LINE_END, 400);
    expect_refused("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_LINE_END, 400);
}

static void test_request_line_refusals(void)
{
    expect_refused("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused("GET /\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused("GET / http/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused("GET / HTTP/1.10\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused(" / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_REQUEST_LINE, 400);
    expect_refused("POST / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_METHOD, 405);
    expect_refused("get / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_METHOD, 405);
    expect_refused("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_METHOD, 405);
    expect_refused("GET / HTTP/2.0\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_VERSION, 505);
    expect_refused("GET / HTTP/1.2\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_VERSION, 505);
    expect_refused("GET / HTTP/0.9\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_VERSION, 505);
    /* only origin-form: no absolute-form, asterisk-form, fragment, bad escape */
    expect_refused("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
    expect_refused("GET * HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
    expect_refused("GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
    expect_refused("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
    expect_refused("GET /%4 HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
    expect_refused("GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
    expect_refused("GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n", SEE_ERR_HTTP_TARGET, 400);
}

static void test_field_refusals(void)
{
    expect_refused("GET / HTTP/1.1\r\nHost : a\r\n\r\n", SEE_ERR_HTTP_FIELD, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", SEE_ERR_HTTP_FIELD, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\n: empty name\r\n\r\n", SEE_ERR_HTTP_FIELD, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nX(: y\r\n\r\n", SEE_ERR_HTTP_FIELD, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f" "b\r\n\r\n", SEE_ERR_HTTP_FIELD, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nX: a\x1b" "b\r\n\r\n", SEE_ERR_HTTP_FIELD, 400);
    /* a NUL inside a value (a C string cannot hold it: by length) */
    static const char nul[] = "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n";
    http_request req;
    CU_ASSERT_EQUAL(http_parse_request((const uint8_t *)nul, sizeof nul - 1, &req),
                    SEE_ERR_HTTP_FIELD);
    /* obs-fold, RFC 9112 5.2 */
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", SEE_ERR_HTTP_OBS_FOLD, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n", SEE_ERR_HTTP_OBS_FOLD, 400);
    expect_refused("GET / HTTP/1.1\r\n Host: a\r\n\r\n", SEE_ERR_HTTP_OBS_FOLD, 400);
    /* Host, RFC 9112 3.2 */
    expect_refused("GET / HTTP/1.1\r\n\r\n", SEE_ERR_HTTP_HOST, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", SEE_ERR_HTTP_HOST, 400);
    expect_refused("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", SEE_ERR_HTTP_HOST, 400);
}

static void test_body_refused(void)
{
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\n", SEE_ERR_HTTP_BODY, 413);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0010\r\n\r\n", SEE_ERR_HTTP_BODY, 413);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                   SEE_ERR_HTTP_BODY, 413);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
                   SEE_ERR_HTTP_CONTENT_LENGTH, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n",
                   SEE_ERR_HTTP_CONTENT_LENGTH, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0, 0\r\n\r\n",
                   SEE_ERR_HTTP_CONTENT_LENGTH, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
                   SEE_ERR_HTTP_CONTENT_LENGTH, 400);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
                   SEE_ERR_HTTP_TRANSFER_ENCODING, 501);
    expect_refused("GET / HTTP/1.1\r\nHost: a\r\ntransfer-encoding: identity\r\nContent-Length: 0\r\n\r\n",
                   SEE_ERR_HTTP_TRANSFER_ENCODING, 501);
}

/* ------------------------------------------------------------ limits --- */

/* "GET /xxx...x HTTP/1.1" with a target of target_len bytes. */
static char *request_with_target(size_t target_len, const char *rest)
{
    char *text = malloc(target_len + strlen(rest) + 32);
    strcpy(text, "GET /");
    memset(text + 5, 'x', target_len - 1);
    strcpy(text + 4 + target_len, " HTTP/1.1\r\n");
    strcat(text, rest);
    return text;
}

static void test_target_limit(void)
{
    http_request req;
    char *at = request_with_target(HTTP_MAX_TARGET, "Host: a\r\n\r\n");
    CU_ASSERT_EQUAL(parse_text(at, &req), SEE_OK);
    CU_ASSERT_EQUAL(req.target.len, HTTP_MAX_TARGET);
    char *over = request_with_target(HTTP_MAX_TARGET + 1, "Host: a\r\n\r\n");
    expect_refused(over, SEE_ERR_HTTP_TARGET_TOO_LONG, 414);
    /* known before the line ends: the target alone is already too long */
    over[4 + HTTP_MAX_TARGET + 1] = '\0';
    expect_refused(over, SEE_ERR_HTTP_TARGET_TOO_LONG, 414);
    at[4 + HTTP_MAX_TARGET] = '\0';
    CU_ASSERT_EQUAL(parse_text(at, &req), SEE_ERR_NEED_MORE);
    free(at);
    free(over);
}

/* Host and then count - 1 more field lines. */
static char *request_with_fields(size_t count)
{
    char *text = malloc(64 + count * 16);
    strcpy(text, "GET / HTTP/1.1\r\nHost: a\r\n");
    for (size_t i = 1; i < count; i++)
        sprintf(text + strlen(text), "X-%zu: v\r\n", i);
    strcat(text, "\r\n");
    return text;
}

static void test_field_count_limit(void)
{
    http_request req;
    char *at = request_with_fields(HTTP_MAX_FIELDS);
    CU_ASSERT_EQUAL(parse_text(at, &req), SEE_OK);
    CU_ASSERT_EQUAL(req.field_count, HTTP_MAX_FIELDS);
    char *over = request_with_fields(HTTP_MAX_FIELDS + 1);
    expect_refused(over, SEE_ERR_HTTP_TOO_MANY_FIELDS, 431);
    free(at);
    free(over);
}

/* A head of exactly head_len bytes: the request line, Host, then one
 * long field whose value fills the rest. */
static char *head_of_length(size_t head_len)
{
    static const char start[] = "GET / HTTP/1.1\r\nHost: a\r\nX-Fill: ";
    char *text = malloc(head_len + 1);
    size_t fill = head_len - (sizeof start - 1) - 4;
    memcpy(text, start, sizeof start - 1);
    memset(text + sizeof start - 1, 'f', fill);
    memcpy(text + head_len - 4, "\r\n\r\n", 5);
    return text;
}

static void test_head_size_limit(void)
{
    http_request req;
    char *at = head_of_length(HTTP_MAX_HEAD);
    CU_ASSERT_EQUAL(parse_text(at, &req), SEE_OK);
    CU_ASSERT_EQUAL(req.head_len, HTTP_MAX_HEAD);
    char *over = head_of_length(HTTP_MAX_HEAD + 1);
    expect_refused(over, SEE_ERR_HTTP_HEAD_TOO_LARGE, 431);
    /* known as soon as HTTP_MAX_HEAD bytes have come with no end */
    CU_ASSERT_EQUAL(http_parse_request((const uint8_t *)over, HTTP_MAX_HEAD, &req),
                    SEE_ERR_HTTP_HEAD_TOO_LARGE);
    CU_ASSERT_EQUAL(http_parse_request((const uint8_t *)over, HTTP_MAX_HEAD - 1, &req),
                    SEE_ERR_NEED_MORE);
    free(at);
    free(over);
}

/* ----------------------------------------------------------- lookups --- */

static void test_token_lists(void)
{
    http_request req;
    CU_ASSERT_EQUAL_FATAL(parse_text("GET / HTTP/1.1\r\nHost: a\r\n"
                                     "Connection: keep-alive,  UPGRADE \r\n"
                                     "Upgrade: h2c\r\nUpgrade: websocket/13, x\r\n"
                                     "X-List: ,,a,\r\n\r\n", &req), SEE_OK);
    CU_ASSERT_TRUE(http_field_has_token(&req, "connection", "Upgrade"));
    CU_ASSERT_TRUE(http_field_has_token(&req, "Connection", "keep-alive"));
    CU_ASSERT_FALSE(http_field_has_token(&req, "Connection", "keep"));
    CU_ASSERT_FALSE(http_field_has_token(&req, "Connection", "close"));
    /* a second field line of the same name is searched too */
    CU_ASSERT_TRUE(http_field_has_token(&req, "Upgrade", "websocket/13"));
    CU_ASSERT_FALSE(http_field_has_token(&req, "Upgrade", "websocket"));
    CU_ASSERT_TRUE(http_field_has_token(&req, "X-List", "a"));
    CU_ASSERT_FALSE(http_field_has_token(&req, "X-Missing", "a"));
    CU_ASSERT_EQUAL(http_field_count_named(&req, "UPGRADE"), 2);
}

/* ----------------------------------------------------------- answers --- */

static void expect_answer(see_status st, const char *want)
{
    uint8_t buf[512];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(http_write_refusal(&w, st), SEE_OK);
    CU_ASSERT_EQUAL(w.len, strlen(want));
    CU_ASSERT_EQUAL(memcmp(buf, want, w.len), 0);
    if (w.len != strlen(want) || memcmp(buf, want, w.len) != 0)
        fprintf(stderr, "\n  got: %.*s\n", (int)w.len, (const char *)buf);
}

static void test_refusal_bytes(void)
{
    expect_answer(SEE_ERR_HTTP_METHOD,
                  "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 19\r\n"
                  "Connection: close\r\n\r\nMethod Not Allowed\n");
    expect_answer(SEE_ERR_HTTP_HEAD_TOO_LARGE,
                  "HTTP/1.1 431 Request Header Fields Too Large\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 32\r\n"
                  "Connection: close\r\n\r\nRequest Header Fields Too Large\n");
    expect_answer(SEE_ERR_HTTP_LINE_END,
                  "HTTP/1.1 400 Bad Request\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\n"
                  "Connection: close\r\n\r\nBad Request\n");
    /* a buffer too small fails, never overflows */
    uint8_t small[40];
    writer w;
    writer_init(&w, small, sizeof small);
    CU_ASSERT_EQUAL(http_write_refusal(&w, SEE_ERR_HTTP_METHOD), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_STRING_EQUAL(http_reason_phrase(404), "Not Found");
    /* a status to a request that parsed may keep the connection */
    uint8_t buf[512];
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(http_write_status_response(&w, 404, NULL, 1), SEE_OK);
    static const char kept[] = "HTTP/1.1 404 Not Found\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Content-Length: 10\r\nConnection: keep-alive\r\n\r\nNot Found\n";
    CU_ASSERT_EQUAL(w.len, strlen(kept));
    CU_ASSERT_EQUAL(memcmp(buf, kept, strlen(kept)), 0);
    CU_ASSERT_STRING_EQUAL(http_reason_phrase(426), "Upgrade Required");
}

static CU_TestInfo tests[] = {
    {"a browser's request, field by field", test_browser_request},
    {"every prefix needs more; the next request is left", test_every_prefix_needs_more},
    {"accepted: empty lines first, HTTP/1.0, escapes, empty values", test_accepted_forms},
    {"lines end with CRLF only (bare LF, bare CR: 400)", test_line_ends},
    {"request line refusals: 400, 405, 505", test_request_line_refusals},
    {"field refusals: 400, obs-fold, Host", test_field_refusals},
    {"a body refused: 413, 400, 501", test_body_refused},
    {"request-target limit: at, one over (414), early", test_target_limit},
    {"field count limit: at, one over (431)", test_field_count_limit},
    {"head size limit: at, one over (431), early", test_head_size_limit},
    {"token lists, case-insensitive", test_token_lists},
    {"refusals' exact bytes", test_refusal_bytes},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("http", tests);
}
