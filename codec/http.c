/*
 * http.c: the head of an HTTP/1.1 request, strictly (what is accepted and
 * why: http.h). Read beside RFC 9112 2-6 and RFC 9110 5.
 */
#include "codec/http.h"

#include <stdio.h>
#include <string.h>

/* ----------------------------------------------------- characters --- */

/* tchar, RFC 9110 5.6.2: the characters of a token (a method, a field
 * name): letters, digits and !#$%&'*+-.^_`|~ */
static int is_tchar(uint8_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int is_token(http_span s)
{
    if (s.len == 0)
        return 0;
    for (size_t i = 0; i < s.len; i++)
        if (!is_tchar((uint8_t)s.ptr[i]))
            return 0;
    return 1;
}

static int is_hex_digit(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The characters of an origin-form target (RFC 9112 3.2.1, RFC 3986 3.3
 * and 3.4): pchar (unreserved, sub-delims, ':' and '@'), '/' and '?',
 * and '%' (which must start a percent-escape). */
static int is_target_char(uint8_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != 0 && strchr("-._~" "!$&'()*+,;=" ":@" "/?%", c) != NULL;
}

/* field-vchar and the whitespace inside a value (RFC 9110 5.5): visible
 * characters, obs-text (0x80-0xff), SP and HTAB; no other control. */
static int is_field_value_char(uint8_t c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* ---------------------------------------------------------- lines --- */

static http_span span_of(const uint8_t *p, size_t n)
{
    return (http_span){(const char *)p, n};
}

/* The next line (without its CRLF), skipping it in r. RFC 9112 2.2: CRLF
 * ends a line; a bare LF (which a recipient may accept) is refused here,
 * as is a bare CR (which it must not take as a line end).
 * SEE_ERR_NEED_MORE when the line's end has not arrived yet. */
static see_status next_line(reader *r, http_span *line)
{
    const uint8_t *rest = r->data + r->pos;
    size_t n = reader_remaining(r);
    for (size_t i = 0; i < n; i++) {
        if (rest[i] == '\n')
            return SEE_ERR_HTTP_LINE_END;
        if (rest[i] != '\r')
            continue;
        if (i + 1 == n)
            return SEE_ERR_NEED_MORE;
        ENSURE(rest[i + 1] == '\n', SEE_ERR_HTTP_LINE_END);
        const uint8_t *p;
        TRY(reader_bytes(r, i + 2, &p));
        *line = span_of(p, i);
        return SEE_OK;
    }
    return SEE_ERR_NEED_MORE;
}

/* The bytes of r before the next stop byte, skipping them and the stop;
 * 0 (r unchanged) if there is no stop byte. */
static int take_until(reader *r, uint8_t stop, http_span *before)
{
    const uint8_t *rest = r->data + r->pos;
    const uint8_t *at = memchr(rest, stop, reader_remaining(r));
    if (at == NULL)
        return 0;
    size_t n = (size_t)(at - rest);
    const uint8_t *p;
    if (reader_bytes(r, n + 1, &p) != SEE_OK)
        return 0;
    *before = span_of(p, n);
    return 1;
}

static http_span rest_of(reader *r)
{
    const uint8_t *p = NULL;
    size_t n = reader_remaining(r);
    (void)reader_bytes(r, n, &p);
    return span_of(p, n);
}

/* ---------------------------------------------------- request line --- */

/* origin-form = absolute-path [ "?" query ] (RFC 9112 3.2.1). */
static see_status parse_target(http_span target, http_request *req)
{
    ENSURE(target.len <= HTTP_MAX_TARGET, SEE_ERR_HTTP_TARGET_TOO_LONG);
    ENSURE(target.len > 0 && target.ptr[0] == '/', SEE_ERR_HTTP_TARGET);
    for (size_t i = 0; i < target.len; i++) {
        uint8_t c = (uint8_t)target.ptr[i];
        ENSURE(is_target_char(c), SEE_ERR_HTTP_TARGET);
        if (c == '%')   /* pct-encoded = "%" HEXDIG HEXDIG */
            ENSURE(i + 2 < target.len && is_hex_digit((uint8_t)target.ptr[i + 1]) &&
                   is_hex_digit((uint8_t)target.ptr[i + 2]), SEE_ERR_HTTP_TARGET);
    }
    req->target = target;
    req->path = target;
    req->query = (http_span){NULL, 0};
    const char *q = memchr(target.ptr, '?', target.len);
    if (q != NULL) {
        req->path.len = (size_t)(q - target.ptr);
        req->query = (http_span){q + 1, target.len - req->path.len - 1};
    }
    return SEE_OK;
}

/* HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 2.3): 1.1 and 1.0 are
 * ours; another well-formed version is 505, anything else 400. */
static see_status parse_version(http_span v, int *minor)
{
    ENSURE(v.len == 8 && memcmp(v.ptr, "HTTP/", 5) == 0 && v.ptr[5] >= '0' &&
           v.ptr[5] <= '9' && v.ptr[6] == '.' && v.ptr[7] >= '0' && v.ptr[7] <= '9',
           SEE_ERR_HTTP_REQUEST_LINE);
    ENSURE(v.ptr[5] == '1' && (v.ptr[7] == '0' || v.ptr[7] == '1'), SEE_ERR_HTTP_VERSION);
    *minor = v.ptr[7] - '0';
    return SEE_OK;
}

/* request-line = method SP request-target SP HTTP-version (RFC 9112 3),
 * with exactly one SP between the three. */
static see_status parse_request_line(http_span line, http_request *req)
{
    reader r;
    reader_init(&r, (const uint8_t *)line.ptr, line.len);
    http_span method, target;
    ENSURE(take_until(&r, ' ', &method), SEE_ERR_HTTP_REQUEST_LINE);
    ENSURE(is_token(method), SEE_ERR_HTTP_REQUEST_LINE);
    ENSURE(take_until(&r, ' ', &target), SEE_ERR_HTTP_REQUEST_LINE);
    http_span version = rest_of(&r);
    TRY(parse_version(version, &req->version_minor));
    ENSURE(method.len == 3 && memcmp(method.ptr, "GET", 3) == 0, SEE_ERR_HTTP_METHOD);
    req->method = method;
    return parse_target(target, req);
}

/* A request line whose end has not arrived: a target already longer than
 * HTTP_MAX_TARGET fails now (414) rather than at the head's limit. */
static see_status check_partial_request_line(reader *r)
{
    const uint8_t *rest = r->data + r->pos;
    size_t n = reader_remaining(r);
    const uint8_t *sp = memchr(rest, ' ', n);
    if (sp == NULL)
        return SEE_ERR_NEED_MORE;
    size_t after = n - (size_t)(sp - rest) - 1;
    if (memchr(sp + 1, ' ', after) == NULL && after > HTTP_MAX_TARGET)
        return SEE_ERR_HTTP_TARGET_TOO_LONG;
    return SEE_ERR_NEED_MORE;
}

/* --------------------------------------------------------- fields --- */

/* field-line = field-name ":" OWS field-value OWS (RFC 9112 5). No space
 * before the colon (5.1: 400), so the name is a token up to it. */
static see_status parse_field(http_span line, http_field *field)
{
    reader r;
    reader_init(&r, (const uint8_t *)line.ptr, line.len);
    ENSURE(take_until(&r, ':', &field->name), SEE_ERR_HTTP_FIELD);
    ENSURE(is_token(field->name), SEE_ERR_HTTP_FIELD);
    http_span v = rest_of(&r);
    while (v.len > 0 && is_ows(v.ptr[0])) {
        v.ptr++;
        v.len--;
    }
    while (v.len > 0 && is_ows(v.ptr[v.len - 1]))
        v.len--;
    for (size_t i = 0; i < v.len; i++)
        ENSURE(is_field_value_char((uint8_t)v.ptr[i]), SEE_ERR_HTTP_FIELD);
    field->value = v;
    return SEE_OK;
}

/* The field lines up to the empty line that ends the head. */
static see_status parse_fields(reader *r, http_request *req)
{
    for (;;) {
        http_span line;
        TRY(next_line(r, &line));
        if (line.len == 0)
            return SEE_OK;
        ENSURE(!is_ows(line.ptr[0]), SEE_ERR_HTTP_OBS_FOLD);
        ENSURE(req->field_count < HTTP_MAX_FIELDS, SEE_ERR_HTTP_TOO_MANY_FIELDS);
        TRY(parse_field(line, &req->fields[req->field_count]));
        req->field_count++;
    }
}

/* ------------------------------------------------- what may follow --- */

static int is_all_digits(http_span s)
{
    if (s.len == 0)
        return 0;
    for (size_t i = 0; i < s.len; i++)
        if (s.ptr[i] < '0' || s.ptr[i] > '9')
            return 0;
    return 1;
}

/* RFC 9112 6: no body on a GET here (http.h), so none may be announced. */
static see_status check_no_body(const http_request *req)
{
    ENSURE(http_field_count_named(req, "Transfer-Encoding") == 0,
           SEE_ERR_HTTP_TRANSFER_ENCODING);
    size_t lengths = http_field_count_named(req, "Content-Length");
    if (lengths == 0)
        return SEE_OK;
    const http_span *v = http_field_value(req, "Content-Length");
    ENSURE(lengths == 1 && is_all_digits(*v), SEE_ERR_HTTP_CONTENT_LENGTH);
    for (size_t i = 0; i < v->len; i++)
        ENSURE(v->ptr[i] == '0', SEE_ERR_HTTP_BODY);
    return SEE_OK;
}

/* RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one in 1.0. */
static see_status check_host(const http_request *req)
{
    size_t hosts = http_field_count_named(req, "Host");
    ENSURE(hosts <= 1 && (hosts == 1 || req->version_minor == 0), SEE_ERR_HTTP_HOST);
    return SEE_OK;
}

/* ----------------------------------------------------------- head --- */

/* RFC 9112 2.2: a server should skip empty lines before the request
 * line (some clients sent an extra CRLF after a POST's body). */
static see_status skip_empty_lines(reader *r, http_span *request_line)
{
    do
        TRY(next_line(r, request_line));
    while (request_line->len == 0);
    return SEE_OK;
}

static see_status parse_head(reader *r, http_request *req)
{
    http_span line;
    see_status st = skip_empty_lines(r, &line);
    if (st == SEE_ERR_NEED_MORE)
        return check_partial_request_line(r);
    TRY(st);
    TRY(parse_request_line(line, req));
    TRY(parse_fields(r, req));
    req->head_len = r->pos;
    TRY(check_host(req));
    return check_no_body(req);
}

see_status http_parse_request(const uint8_t *buf, size_t len, http_request *req)
{
    memset(req, 0, sizeof *req);
    /* Only the first HTTP_MAX_HEAD bytes can belong to an acceptable head:
     * a head still incomplete there never will be. */
    reader r;
    reader_init(&r, buf, len < HTTP_MAX_HEAD ? len : HTTP_MAX_HEAD);
    see_status st = parse_head(&r, req);
    if (st == SEE_ERR_NEED_MORE && len >= HTTP_MAX_HEAD)
        return SEE_ERR_HTTP_HEAD_TOO_LARGE;
    return st;
}

/* ------------------------------------------------- response head --- */

/* status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC
 * 9112 4): the version HTTP/1.x, three digits, and the reason left
 * unread (4: "a client SHOULD ignore the reason-phrase content"). */
static see_status parse_status_line(http_span line, int *status)
{
    reader r;
    reader_init(&r, (const uint8_t *)line.ptr, line.len);
    http_span version, code;
    ENSURE(take_until(&r, ' ', &version), SEE_ERR_HTTP_STATUS_LINE);
    ENSURE(take_until(&r, ' ', &code) && code.len == 3 && is_all_digits(code),
           SEE_ERR_HTTP_STATUS_LINE);
    int minor;
    see_status st = parse_version(version, &minor);
    ENSURE(st != SEE_ERR_HTTP_REQUEST_LINE, SEE_ERR_HTTP_STATUS_LINE);
    TRY(st);
    *status = (code.ptr[0] - '0') * 100 + (code.ptr[1] - '0') * 10 + (code.ptr[2] - '0');
    return SEE_OK;
}

see_status http_parse_response_head(const uint8_t *buf, size_t len, int *status,
                                    http_request *head)
{
    memset(head, 0, sizeof *head);
    reader r;
    reader_init(&r, buf, len < HTTP_MAX_HEAD ? len : HTTP_MAX_HEAD);
    http_span line;
    see_status st = next_line(&r, &line);
    if (st == SEE_OK)
        st = parse_status_line(line, status);
    if (st == SEE_OK)
        st = parse_fields(&r, head);
    if (st == SEE_ERR_NEED_MORE && len >= HTTP_MAX_HEAD)
        return SEE_ERR_HTTP_HEAD_TOO_LARGE;
    head->head_len = r.pos;
    return st;
}

/* --------------------------------------------------------- lookup --- */

int http_spans_equal_nocase(http_span a, http_span b)
{
    if (a.len != b.len)
        return 0;
    for (size_t i = 0; i < a.len; i++)
        if (lower(a.ptr[i]) != lower(b.ptr[i]))
            return 0;
    return 1;
}

int http_span_equals_nocase(http_span s, const char *text)
{
    return http_spans_equal_nocase(s, (http_span){text, strlen(text)});
}

const http_span *http_field_value(const http_request *req, const char *name)
{
    for (size_t i = 0; i < req->field_count; i++)
        if (http_span_equals_nocase(req->fields[i].name, name))
            return &req->fields[i].value;
    return NULL;
}

size_t http_field_count_named(const http_request *req, const char *name)
{
    size_t count = 0;
    for (size_t i = 0; i < req->field_count; i++)
        if (http_span_equals_nocase(req->fields[i].name, name))
            count++;
    return count;
}

/* #element = [ element ] *( OWS "," OWS [ element ] ) (RFC 9110 5.6.1):
 * each element trimmed of its OWS and compared with token. */
static int list_has_token(http_span list, const char *token)
{
    size_t start = 0;
    while (start <= list.len) {
        const char *comma = memchr(list.ptr + start, ',', list.len - start);
        size_t end = comma ? (size_t)(comma - list.ptr) : list.len;
        http_span element = {list.ptr + start, end - start};
        while (element.len > 0 && is_ows(element.ptr[0])) {
            element.ptr++;
            element.len--;
        }
        while (element.len > 0 && is_ows(element.ptr[element.len - 1]))
            element.len--;
        if (http_span_equals_nocase(element, token))
            return 1;
        start = end + 1;
    }
    return 0;
}

int http_field_has_token(const http_request *req, const char *name, const char *token)
{
    for (size_t i = 0; i < req->field_count; i++)
        if (http_span_equals_nocase(req->fields[i].name, name) &&
            list_has_token(req->fields[i].value, token))
            return 1;
    return 0;
}

/* ------------------------------------------------------ answering --- */

int http_status_of(see_status st)
{
    switch (st) {
    case SEE_ERR_HTTP_METHOD:            return 405;
    case SEE_ERR_HTTP_BODY:              return 413;
    case SEE_ERR_HTTP_TARGET_TOO_LONG:   return 414;
    case SEE_ERR_HTTP_TOO_MANY_FIELDS:
    case SEE_ERR_HTTP_HEAD_TOO_LARGE:    return 431;
    case SEE_ERR_HTTP_TRANSFER_ENCODING: return 501;
    case SEE_ERR_HTTP_VERSION:           return 505;
    default:                             return 400;
    }
}

const char *http_reason_phrase(int status)
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default:  return "";
    }
}

see_status http_write_status_response(writer *w, int status, const char *extra_fields,
                                      int keep_alive)
{
    ENSURE(status >= 100 && status <= 999, SEE_ERR_ARGUMENT);
    const char *reason = http_reason_phrase(status);
    char line[128];
    snprintf(line, sizeof line, "HTTP/1.1 %d %s\r\n", status, reason);
    TRY(writer_text(w, line));
    if (extra_fields != NULL)
        TRY(writer_text(w, extra_fields));
    snprintf(line, sizeof line,
             "Content-Type: text/plain; charset=utf-8\r\n"
             "Content-Length: %zu\r\nConnection: %s\r\n\r\n", strlen(reason) + 1,
             keep_alive ? "keep-alive" : "close");
    TRY(writer_text(w, line));
    TRY(writer_text(w, reason));
    return writer_text(w, "\n");
}

see_status http_write_refusal(writer *w, see_status st)
{
    int status = http_status_of(st);
    return http_write_status_response(w, status, status == 405 ? "Allow: GET\r\n" : NULL, 0);
}
