/*
 * http.h: the head of an HTTP/1.1 request (RFC 9112 2-5, RFC 9110 5), read
 * by a server that takes GET only: the request line and the header fields,
 * up to the empty line. Nothing is allocated: the parsed request points
 * into the caller's buffer.
 *
 * Reading in pieces. The caller appends what it reads (from a tls_socket)
 * to one buffer and calls http_parse_request on all of it each time. The
 * answer is SEE_OK with the whole head parsed, SEE_ERR_NEED_MORE when the
 * head is not complete yet (not a failure: read more and call again), or
 * one precise error, which http_status_of turns into the HTTP status to
 * answer (http_write_refusal writes that answer). A head that cannot end
 * within the limits below fails as soon as that is certain, without
 * waiting for its end.
 *
 * What is accepted, strictly:
 *  - the request line "GET SP origin-form SP HTTP/1.1 CRLF" (3): exactly
 *    one space between the parts; the method a token, and GET alone
 *    (405 otherwise); the target an absolute path and optional query
 *    (3.2.1), with valid percent-escapes (absolute-form, authority-form,
 *    "*" and fragments are 400); the version HTTP/1.1 or HTTP/1.0 (another
 *    HTTP/d.d is 505). Empty lines before the request line are skipped, as
 *    2.2 advises.
 *  - header fields "name: value" (5): the name a token with no space
 *    before the colon; the value with optional whitespace (OWS) around it
 *    trimmed, and no control character (RFC 9110 5.5: no NUL, CR, LF). A
 *    line that begins with a space or tab continues the previous one
 *    (obs-fold), which 5.2 lets a server reject: we do, with 400.
 *  - line ends: CRLF only. RFC 9112 2.2 lets a recipient accept a bare LF
 *    as a line end; this parser is strict and refuses a bare LF (and a
 *    bare CR, which 2.2 forbids) with 400: every browser sends CRLF, and
 *    two readings of one line end are how requests get smuggled.
 *  - exactly one Host field in an HTTP/1.1 request (3.2: else 400).
 *  - no body. This server takes GET only, and a GET has no content: a
 *    Content-Length other than 0 is refused with 413, one that is not
 *    digits or appears twice with 400 (6.3), and any Transfer-Encoding
 *    with 501 (6.1: a coding the server does not implement). So the
 *    request ends at the empty line, and head_len says where that is;
 *    bytes after it are the next request's (pipelining), not a body.
 *
 * The limits, each with its own error and status:
 *   HTTP_MAX_HEAD        the whole head, request line to the empty line
 *                        included: SEE_ERR_HTTP_HEAD_TOO_LARGE, 431
 *   HTTP_MAX_FIELDS      header field lines: SEE_ERR_HTTP_TOO_MANY_FIELDS,
 *                        431
 *   HTTP_MAX_TARGET      the request-target: SEE_ERR_HTTP_TARGET_TOO_LONG,
 *                        414
 * A 404 is the caller's: the parser does not know which paths exist.
 */
#ifndef SEETLS_HTTP_H
#define SEETLS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"
#include "core/error.h"

#define HTTP_MAX_HEAD   8192
#define HTTP_MAX_FIELDS 32
#define HTTP_MAX_TARGET 2048

/* A piece of the caller's buffer; not NUL-terminated. */
typedef struct {
    const char *ptr;
    size_t len;
} http_span;

typedef struct {
    http_span name;  /* as sent; compare it case-insensitively */
    http_span value; /* without the whitespace around it */
} http_field;

typedef struct {
    http_span method;            /* "GET" */
    http_span target;            /* "/path?query", as sent (not decoded) */
    http_span path;              /* the target up to '?' */
    http_span query;             /* after '?' (ptr NULL when there is none) */
    int version_minor;           /* 1 for HTTP/1.1, 0 for HTTP/1.0 */
    http_field fields[HTTP_MAX_FIELDS];
    size_t field_count;
    size_t head_len;             /* bytes from the start of the buffer to the
                                    end of the empty line */
} http_request;

/* Parse the request head at the start of buf (len bytes so far); see
 * above. On any status other than SEE_OK, *req is unspecified. */
see_status http_parse_request(const uint8_t *buf, size_t len, http_request *req);

/* The head of a response, for a client (RFC 9112 4): the status line
 * (HTTP/1.1 or HTTP/1.0, a three-digit code in *status, the reason
 * ignored) and the header fields, read as a request's are (CRLF only, no
 * obs-fold, HTTP_MAX_FIELDS and HTTP_MAX_HEAD) into head->fields, so
 * that the lookups below serve both; head's method, target and path stay
 * empty, head_len is where the head ends. SEE_ERR_NEED_MORE until the
 * empty line has come; SEE_ERR_HTTP_STATUS_LINE for a status line of
 * another form. */
see_status http_parse_response_head(const uint8_t *buf, size_t len, int *status,
                                    http_request *head);

/* The value of the first field named name (case-insensitive, RFC 9110
 * 5.1), or NULL when there is none. */
const http_span *http_field_value(const http_request *req, const char *name);
/* How many field lines are named name. */
size_t http_field_count_named(const http_request *req, const char *name);
/* 1 if some field line named name holds token in its comma-separated list
 * (RFC 9110 5.6.1; "Connection: keep-alive, Upgrade" holds "upgrade"),
 * compared case-insensitively; else 0. */
int http_field_has_token(const http_request *req, const char *name, const char *token);
/* 1 if the span is exactly text, or the other span, compared
 * case-insensitively (ASCII). */
int http_span_equals_nocase(http_span s, const char *text);
int http_spans_equal_nocase(http_span a, http_span b);

/* The HTTP status to answer a request that failed with st: 400, 405, 413,
 * 414, 431, 501 or 505 (400 for a status this parser does not give). */
int http_status_of(see_status st);
/* The reason phrase of a status (RFC 9110 15), "" for one not listed. */
const char *http_reason_phrase(int status);

/* A whole response that is only a status: the status line, extra_fields
 * (whole lines with their CRLF, or NULL), Content-Type: text/plain,
 * Content-Length, Connection: keep-alive or close, then the reason phrase
 * as the body. keep_alive only for a request that parsed (a 404 to a
 * browser's /favicon.ico): after one that did not, where the next request
 * begins is unknown, and the connection must close (RFC 9112 9.3). */
see_status http_write_status_response(writer *w, int status, const char *extra_fields,
                                      int keep_alive);
/* The response to a request that failed with st: http_status_of's status,
 * with Allow: GET for a 405 (RFC 9110 15.5.6); Connection: close. */
see_status http_write_refusal(writer *w, see_status st);

#endif
