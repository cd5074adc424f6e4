/* alex_web.c: the robot's web console: the plain-HTTP refusal, the
 * requests, and the WebSocket session (alex_web.h). */
#include "robot/alex_web.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include "codec/base64.h"
#include "codec/http.h"
#include "codec/websocket.h"
#include "crypto/sha256.h"
#include "pki/x509.h"
#include "robot/alex_events.h"
#include "robot/alex_link_tls.h"

/* ---------------------------------------------------------- set-up --- */

/* CSP3's hash-source for the text between open and close in the page:
 * 'sha256-' base64(SHA-256(text)) '\''. */
static see_status element_hash(const unsigned char *page, size_t len, const char *open,
                               const char *close, char *out, size_t cap)
{
    const char *text = (const char *)page;
    const char *start = memmem(text, len, open, strlen(open));
    ENSURE(start != NULL, SEE_ERR_ARGUMENT);
    start += strlen(open);
    const char *end = memmem(start, len - (size_t)(start - text), close, strlen(close));
    ENSURE(end != NULL, SEE_ERR_ARGUMENT);
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256(start, (size_t)(end - start), digest);
    char b64[48];
    ENSURE(see_base64_encoded_len(sizeof digest) < sizeof b64, SEE_ERR_ARGUMENT);
    see_base64_encode(digest, sizeof digest, b64);
    snprintf(out, cap, "'sha256-%s'", b64);
    return SEE_OK;
}

see_status alex_web_config_init(alex_web_config *w, const tls_config *tls,
                                const unsigned char *page, size_t page_len,
                                const uint8_t *cert_der, size_t cert_len,
                                const char *pairing_code)
{
    memset(w, 0, sizeof *w);
    w->tls = tls;
    w->page = page;
    w->page_len = page_len;
    w->pairing_code = pairing_code;
    TRY(element_hash(page, page_len, "<script>", "</script>", w->script_hash,
                     sizeof w->script_hash));
    TRY(element_hash(page, page_len, "<style>", "</style>", w->style_hash,
                     sizeof w->style_hash));
    x509_cert cert;
    x509_cert_init(&cert);
    see_status st = x509_parse(&cert, cert_der, cert_len, NULL);
    if (st == SEE_OK) {
        x509_name_text(&cert.subject, w->subject, sizeof w->subject);
        x509_name_text(&cert.issuer, w->issuer, sizeof w->issuer);
        alex_web_time_text(cert.not_before, w->not_before, sizeof w->not_before);
        alex_web_time_text(cert.not_after, w->not_after, sizeof w->not_after);
        if (cert.dns_count > 0 && cert.dns[0].len < sizeof w->host)
            snprintf(w->host, sizeof w->host, "%.*s", (int)cert.dns[0].len,
                     (const char *)cert.dns[0].data);
    }
    x509_cert_clear(&cert);
    return st;
}

/* ------------------------------------------------- plain HTTP, refused --- */

/* Wait up to ms for fd (or the cancel descriptor) to be readable. */
static see_status wait_readable(int fd, int cancel_fd, int ms)
{
    struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = cancel_fd, .events = POLLIN}};
    int n = poll(p, cancel_fd >= 0 ? 2 : 1, ms);
    if (n < 0 && errno == EINTR)
        return SEE_ERR_TIMEOUT;
    ENSURE(n > 0, SEE_ERR_TIMEOUT);
    ENSURE(cancel_fd < 0 || !(p[1].revents & POLLIN), SEE_ERR_CANCELLED);
    return SEE_OK;
}

/* A TLS connection begins with a handshake record (RFC 5246 6.2.1: type
 * 22); an HTTP request with its method, letters (RFC 9112 3.1). */
static int looks_like_http(uint8_t first)
{
    return first >= 'A' && first <= 'Z';
}

/* This socket's own address and port, "192.168.1.5:8443" ("[::1]:8443"). */
static void local_address(int fd, char *out, size_t cap)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    char ip[INET6_ADDRSTRLEN] = "the robot's address";
    unsigned port = ALEX_WEB_PORT;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
        if (ss.ss_family == AF_INET) {
            const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
            inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
            port = ntohs(a->sin_port);
        } else if (ss.ss_family == AF_INET6) {
            const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
            inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
            port = ntohs(a->sin6_port);
            snprintf(out, cap, "[%s]:%u", ip, port);
            return;
        }
    }
    snprintf(out, cap, "%s:%u", ip, port);
}

/* The Host a plain request named (only characters a host and port are
 * made of), else this socket's own address. */
static void https_host(int fd, const uint8_t *head, size_t len, char *out, size_t cap)
{
    http_request req;
    if (http_parse_request(head, len, &req) == SEE_OK) {
        const http_span *host = http_field_value(&req, "Host");
        int clean = host != NULL && host->len > 0 && host->len < cap;
        for (size_t i = 0; clean && i < host->len; i++)
            clean = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           "0123456789.-:[]", host->ptr[i]) != NULL;
        if (clean) {
            snprintf(out, cap, "%.*s", (int)host->len, host->ptr);
            return;
        }
    }
    local_address(fd, out, cap);
}

static void answer_plain_http(int fd, const char *address)
{
    uint8_t head[HTTP_MAX_HEAD];
    size_t have = 0;
    /* what has arrived of the request, within a short wait for the rest */
    while (have < sizeof head && wait_readable(fd, -1, have ? 200 : 0) == SEE_OK) {
        ssize_t n = recv(fd, head + have, sizeof head - have, 0);
        if (n <= 0)
            break;
        have += (size_t)n;
        http_request req;
        if (http_parse_request(head, have, &req) != SEE_ERR_NEED_MORE)
            break;
    }
    char host[128], body[400], response[700];
    https_host(fd, head, have, host, sizeof host);
    int body_len = snprintf(body, sizeof body,
                            "This is Alex's web console: it speaks HTTPS only.\n"
                            "Open https://%s/ instead.\n", host);
    int len = snprintf(response, sizeof response,
                       "HTTP/1.1 400 Bad Request\r\n"
                       "Content-Type: text/plain; charset=utf-8\r\n"
                       "Content-Length: %d\r\n"
                       "Connection: close\r\n\r\n%s", body_len, body);
    ssize_t sent = send(fd, response, (size_t)len, MSG_NOSIGNAL);
    (void)sent;
    shutdown(fd, SHUT_WR);
    alex_event("refused", EV_STR("peer", address),
               EV_STR("reason", "plain HTTP on the web console's port"),
               EV_STR("summary", "http:// instead of https:// (answered 400, use https)"),
               EV_END);
}

see_status alex_web_refuse_plain_http(int fd, const char *address, int wait_ms,
                                      int cancel_fd)
{
    see_status st = wait_readable(fd, cancel_fd, wait_ms);
    uint8_t first = 0;
    if (st == SEE_OK && recv(fd, &first, 1, MSG_PEEK) != 1)
        st = SEE_ERR_TLS_CLOSED;
    if (st != SEE_OK) {
        close(fd);
        return st;
    }
    if (!looks_like_http(first))
        return SEE_OK;
    answer_plain_http(fd, address);
    close(fd);
    return ALEX_STATUS_PLAIN_HTTP;
}

/* ------------------------------------------------------ the session --- */

typedef struct {
    const alex_web_server *server;
    alex_link *link;
    const char *address;
    int certified;            /* a lab client certificate */
    int paired;               /* the right pairing code */
    int wrong_codes;
    int in_control;
    char who[300];            /* the name it drives under */
    ws_reader reader;
    uint8_t in[1024];         /* bytes read, not yet a whole frame */
    size_t have;
    char message[ALEX_WEB_MAX_COMMAND];
    size_t message_len;
    /* the status last sent, to send it again at once after a change */
    const char *doing, *control;
    char controller[256];
    int may_drive;
    long long status_ms;
} web_session;

static int may_drive(const web_session *s)
{
    return s->certified || s->paired;
}

/* One whole server frame to the link. */
static see_status send_frame(web_session *s, uint8_t opcode, const void *data, size_t len)
{
    uint8_t frame[WS_MAX_HEADER + 1024];
    writer w;
    writer_init(&w, frame, sizeof frame);
    TRY(ws_write_frame(&w, opcode, data, len));
    return s->link->write(s->link->ctx, frame, w.len);
}

static see_status send_close(web_session *s, uint16_t code, const char *reason)
{
    uint8_t frame[WS_MAX_HEADER + WS_MAX_CONTROL_PAYLOAD];
    writer w;
    writer_init(&w, frame, sizeof frame);
    TRY(ws_write_close(&w, code, reason));
    return s->link->write(s->link->ctx, frame, w.len);
}

static see_status send_error_text(web_session *s, const char *text)
{
    char json[600];
    size_t len;
    TRY(alex_web_error_json(text, json, sizeof json, &len));
    return send_frame(s, WS_TEXT, json, len);
}

static see_status send_security(web_session *s)
{
    const alex_web_config *cfg = s->server->config;
    const tls_conn *conn = alex_link_tls_conn(s->link);
    char kx[96];
    tls_key_exchange_text(conn, kx, sizeof kx);
    alex_web_security sec = {
        .subject = cfg->subject, .issuer = cfg->issuer,
        .not_before = cfg->not_before, .not_after = cfg->not_after,
        .suite = tls_suite_name(conn->suite), .key_exchange = kx,
        .client = s->certified ? conn->peer_subject : NULL,
    };
    char json[1400];
    size_t len;
    TRY(alex_web_security_json(&sec, json, sizeof json, &len));
    return send_frame(s, WS_TEXT, json, len);
}

/* The status reply's counters; zeros when the robot cannot answer now. */
static void read_stats(web_session *s, uint32_t stats[ALEX_STAT_COUNT])
{
    alex_packet get, reply;
    memset(&get, 0, sizeof get);
    get.packet_type = ALEX_PACKET_COMMAND;
    get.command = ALEX_CMD_GET_STATS;
    memset(stats, 0, ALEX_STAT_COUNT * sizeof stats[0]);
    if (alex_robot_send(s->server->control->robot, &get, &reply) == SEE_OK &&
        reply.packet_type == ALEX_PACKET_RESPONSE && reply.command == ALEX_RESP_STATUS)
        memcpy(stats, reply.params, ALEX_STAT_COUNT * sizeof stats[0]);
}

/* The status when it changed or is due (force: now). */
static see_status send_status(web_session *s, int force)
{
    char controller[256];
    int busy = alex_control_who(s->server->control, controller, sizeof controller);
    const char *doing = alex_robot_motors(s->server->control->robot);
    const char *control = s->in_control ? "you" : busy ? "other" : "none";
    long long now = alex_now_ms();
    int changed = doing != s->doing || control != s->control ||
                  strcmp(controller, s->controller) != 0 || may_drive(s) != s->may_drive;
    if (!force && !changed && now - s->status_ms < ALEX_WEB_STATUS_MS)
        return SEE_OK;
    s->doing = doing;
    s->control = control;
    snprintf(s->controller, sizeof s->controller, "%s", controller);
    s->may_drive = may_drive(s);
    s->status_ms = now;
    alex_web_status st = {
        .doing = doing, .control = control,
        .controller = strcmp(control, "other") == 0 ? controller : NULL,
        .may_drive = s->may_drive,
    };
    read_stats(s, st.stats);
    char json[1000];
    size_t len;
    TRY(alex_web_status_json(&st, json, sizeof json, &len));
    return send_frame(s, WS_TEXT, json, len);
}

/* Pairing is not paused by too many wrong codes across connections. */
static int pairing_allowed(web_session *s)
{
    alex_web_pairing *p = s->server->pairing;
    long long wait_ms;
    pthread_mutex_lock(&p->lock);
    int allowed = alex_pairing_guard_allows(&p->guard, alex_now_ms(), &wait_ms);
    pthread_mutex_unlock(&p->lock);
    if (!allowed)
        alex_event("pairing_refused", EV_STR("peer", s->address),
                   EV_STR("reason", "paused after many wrong codes"),
                   EV_NUM("wait_ms", wait_ms), EV_END);
    return allowed;
}

static void pairing_failed(web_session *s)
{
    alex_web_pairing *p = s->server->pairing;
    pthread_mutex_lock(&p->lock);
    int paused = alex_pairing_guard_failed(&p->guard, alex_now_ms());
    pthread_mutex_unlock(&p->lock);
    if (paused)
        alex_event("pairing_paused", EV_NUM("failures", ALEX_PAIRING_MAX_FAILURES),
                   EV_NUM("window_ms", ALEX_PAIRING_WINDOW_MS),
                   EV_NUM("pause_ms", ALEX_PAIRING_LOCKOUT_MS), EV_END);
}

/* pair CODE: a few tries per connection, each wrong one an event; too
 * many across connections pause pairing for everyone. */
static see_status handle_pair(web_session *s, const alex_web_command *c)
{
    const char *code = s->server->config->pairing_code;
    if (may_drive(s))
        return SEE_OK;
    if (code == NULL)
        return send_error_text(s, "this robot takes no pairing code: drive with a lab "
                                  "certificate");
    if (s->wrong_codes >= ALEX_PAIRING_TRIES) {
        alex_event("pairing_refused", EV_STR("peer", s->address),
                   EV_STR("reason", "no tries left on this connection"), EV_END);
        return send_error_text(s, "too many wrong pairing codes: reload the page to try "
                                  "again");
    }
    if (!pairing_allowed(s))
        return send_error_text(s, "pairing is paused after many wrong codes: try again "
                                  "in a minute, or drive with a lab certificate");
    if (alex_pairing_matches(code, c->code, strlen(c->code))) {
        s->paired = 1;
        snprintf(s->who, sizeof s->who, "browser %s (pairing code)", s->address);
        alex_event("paired", EV_STR("peer", s->address), EV_END);
        return SEE_OK;
    }
    s->wrong_codes++;
    alex_event("pairing_failed", EV_STR("peer", s->address),
               EV_NUM("tries_left", ALEX_PAIRING_TRIES - s->wrong_codes), EV_END);
    pairing_failed(s);
    return send_error_text(s, s->wrong_codes < ALEX_PAIRING_TRIES
                                  ? "wrong pairing code"
                                  : "wrong pairing code: no tries left on this connection");
}

/* Take the controller slot, if not ours yet; 0 (the browser told) if
 * someone else has it. */
static int take_control(web_session *s, see_status *st)
{
    char in_charge[256];
    *st = SEE_OK;
    if (s->in_control)
        return 1;
    if (alex_control_claim(s->server->control, s->who, 0, in_charge, sizeof in_charge)) {
        s->in_control = 1;
        alex_event("connected", EV_STR("peer", s->who), EV_STR("address", s->address),
                   EV_STR("link", "web"), EV_END);
        return 1;
    }
    char text[400];
    snprintf(text, sizeof text, "busy: %s is driving", in_charge);
    alex_event("refused", EV_STR("peer", s->who), EV_STR("address", s->address),
               EV_STR("reason", "busy: another controller is connected"),
               EV_STR("summary", text), EV_END);
    *st = send_error_text(s, text);
    return 0;
}

static void give_up_control(web_session *s, const char *reason)
{
    if (!s->in_control)
        return;
    s->in_control = 0;
    alex_event("link_lost", EV_STR("peer", s->who), EV_STR("reason", reason), EV_END);
    alex_control_release(s->server->control, "fail-safe: web controller gone");
}

/* go, move, stop, clear: the robot's command, for a browser that may drive
 * and holds (or takes) the slot. A go sets the web silence limit; any
 * other command lifts it (a measured move ends by itself). */
static see_status handle_drive(web_session *s, const alex_web_command *c)
{
    if (c->verb == ALEX_WEB_STOP && !s->in_control)
        return SEE_OK; /* nothing of ours to stop (the page stops on hiding) */
    if (!may_drive(s))
        return send_error_text(s, "watching only: drive with a lab certificate or the "
                                  "pairing code");
    see_status st;
    if (!take_control(s, &st))
        return st;
    alex_message m;
    alex_packet reply;
    char why[100];
    alex_web_command_message(c, &m);
    alex_control_set_silence(s->server->control,
                             c->verb == ALEX_WEB_GO ? ALEX_WEB_SILENCE_MS : 0);
    if (alex_control_command(s->server->control, &m, &reply, why, sizeof why) != ALEX_ERR_OK)
        return send_error_text(s, why);
    return SEE_OK;
}

static see_status handle_command(web_session *s, const uint8_t *text, size_t len)
{
    alex_web_command c;
    char why[160];
    if (alex_web_parse_command(text, len, &c, why, sizeof why) != SEE_OK) {
        alex_event("invalid", EV_STR("peer", s->address), EV_STR("reason", why), EV_END);
        return send_error_text(s, why);
    }
    switch (c.verb) {
    case ALEX_WEB_PAIR:
        return handle_pair(s, &c);
    case ALEX_WEB_HEARTBEAT:
        return SEE_OK;
    case ALEX_WEB_RELEASE:
        give_up_control(s, "released by the browser");
        return SEE_OK;
    default:
        return handle_drive(s, &c);
    }
}

/* One frame read: a control frame answered, a data frame's payload added
 * to the message, a whole text message handled. Returns SEE_OK to go on,
 * SEE_ERR_TLS_CLOSE_NOTIFY once a close was answered. */
static see_status handle_frame(web_session *s, const ws_frame *f)
{
    if (s->in_control)
        alex_control_heard(s->server->control);
    switch (f->opcode) {
    case WS_PING:
        return send_frame(s, WS_PONG, f->payload, f->payload_len);
    case WS_PONG:
        return SEE_OK;
    case WS_CLOSE:
        send_close(s, f->close_code == WS_CLOSE_NO_STATUS ? WS_CLOSE_NORMAL : f->close_code,
                   NULL);
        return SEE_ERR_TLS_CLOSE_NOTIFY;
    default:
        break;
    }
    /* the reader keeps a message within ALEX_WEB_MAX_COMMAND */
    memcpy(s->message + s->message_len, f->payload, f->payload_len);
    s->message_len += f->payload_len;
    if (!f->fin)
        return SEE_OK;
    size_t len = s->message_len;
    s->message_len = 0;
    if (f->message_opcode != WS_TEXT)
        return send_error_text(s, "commands are text messages");
    return handle_command(s, (const uint8_t *)s->message, len);
}

/* Every whole frame in s->in. */
static see_status handle_frames(web_session *s)
{
    for (;;) {
        ws_frame f;
        see_status st = ws_read_frame(&s->reader, s->in, s->have, &f);
        if (st == SEE_ERR_NEED_MORE)
            return SEE_OK;
        if (st != SEE_OK) {
            alex_event("invalid", EV_STR("peer", s->address),
                       EV_STR("reason", alex_strerror(st)), EV_END);
            send_close(s, ws_close_code_of(st), NULL);
            return st;
        }
        st = handle_frame(s, &f);
        memmove(s->in, s->in + f.frame_len, s->have - f.frame_len);
        s->have -= f.frame_len;
        TRY(st);
    }
}

/* The WebSocket's life: read with a short timeout, so that the status
 * goes out on time and the server's stop is noticed. */
static see_status run_session(web_session *s)
{
    TRY(send_security(s));
    TRY(send_status(s, 1));
    while (!atomic_load(s->server->stop)) {
        size_t n;
        TRY(s->link->read(s->link->ctx, s->in + s->have, sizeof s->in - s->have, 20, &n));
        s->have += n;
        if (n > 0)
            TRY(handle_frames(s));
        TRY(send_status(s, 0));
    }
    send_close(s, WS_CLOSE_GOING_AWAY, "the robot is shutting down");
    return ALEX_STATUS_SERVER_STOPPING;
}

static void serve_websocket(const alex_web_server *server, alex_link *link,
                            const char *address, const uint8_t *rest, size_t rest_len)
{
    web_session *s = calloc(1, sizeof *s);
    if (s == NULL)
        return;
    s->server = server;
    s->link = link;
    s->address = address;
    const tls_conn *conn = alex_link_tls_conn(link);
    s->certified = conn->peer_subject[0] != '\0';
    snprintf(s->who, sizeof s->who, "%s", s->certified ? conn->peer_subject : address);
    ws_reader_init(&s->reader, ALEX_WEB_MAX_COMMAND);
    if (rest_len > sizeof s->in)
        rest_len = sizeof s->in;
    memcpy(s->in, rest, rest_len);
    s->have = rest_len;
    alex_event("web_connected", EV_STR("peer", s->who), EV_STR("address", address),
               EV_STR("client", s->certified ? "certificate" : "none"), EV_END);
    see_status st = s->have > 0 ? handle_frames(s) : SEE_OK;
    if (st == SEE_OK)
        st = run_session(s);
    char why[ALEX_LINK_FAILURE_TEXT];
    if (st == SEE_ERR_TLS_CLOSE_NOTIFY || alex_status_is_robot(st)) {
        snprintf(why, sizeof why, "%s", st == SEE_ERR_TLS_CLOSE_NOTIFY
                                            ? "the page closed the connection"
                                            : alex_strerror(st));
    } else {
        alex_link_failure failure;
        alex_link_failure_get(link, st, &failure);
        snprintf(why, sizeof why, "%s", failure.text);
    }
    give_up_control(s, why);
    alex_event("web_closed", EV_STR("peer", s->who), EV_STR("reason", why), EV_END);
    free(s);
}

/* ------------------------------------------------------ the requests --- */

static see_status write_all(alex_link *link, const uint8_t *data, size_t len)
{
    return link->write(link->ctx, data, len);
}

static void log_request(const char *address, const http_request *req, int status)
{
    char method[16], path[200];
    snprintf(method, sizeof method, "%.*s", (int)(req->method.len < 15 ? req->method.len : 15),
             req->method.ptr);
    snprintf(path, sizeof path, "%.*s", (int)(req->path.len < 199 ? req->path.len : 199),
             req->path.ptr);
    alex_event("http", EV_STR("peer", address), EV_STR("method", method),
               EV_STR("path", path), EV_NUM("status", status), EV_END);
}

/* The page, with the headers that keep it to itself: only its own
 * inline script and style run (their hashes), it connects only to its
 * own origin (wss: included, CSP3 'self'), no frame may hold it. */
static see_status send_page(const alex_web_server *server, alex_link *link, int keep_alive)
{
    const alex_web_config *cfg = server->config;
    char head[1200];
    int len = snprintf(head, sizeof head,
                       "HTTP/1.1 200 OK\r\n"
                       "Content-Type: text/html; charset=utf-8\r\n"
                       "Content-Length: %lu\r\n"
                       "Cache-Control: no-store\r\n"
                       "Content-Security-Policy: default-src 'none'; script-src %s; "
                       "style-src %s; connect-src 'self'; img-src 'self'; base-uri 'none'; "
                       "form-action 'none'; frame-ancestors 'none'\r\n"
                       "X-Content-Type-Options: nosniff\r\n"
                       "Referrer-Policy: no-referrer\r\n"
                       "X-Frame-Options: DENY\r\n"
                       "Connection: %s\r\n\r\n",
                       (unsigned long)cfg->page_len, cfg->script_hash, cfg->style_hash,
                       keep_alive ? "keep-alive" : "close");
    ENSURE(len > 0 && (size_t)len < sizeof head, SEE_ERR_BUFFER_SMALL);
    TRY(write_all(link, (const uint8_t *)head, (size_t)len));
    return write_all(link, cfg->page, cfg->page_len);
}

static see_status send_status_response(alex_link *link, int status, int keep_alive)
{
    uint8_t out[600];
    writer w;
    writer_init(&w, out, sizeof out);
    TRY(http_write_status_response(&w, status, NULL, keep_alive));
    return write_all(link, out, w.len);
}

/* GET /ws: the upgrade checked, the Origin the page's own, then the
 * WebSocket served (the connection is over either way afterwards). */
static void open_websocket(const alex_web_server *server, alex_link *link,
                           const char *address, const http_request *req,
                           const uint8_t *rest, size_t rest_len)
{
    ws_handshake hs;
    uint8_t out[600];
    writer w;
    writer_init(&w, out, sizeof out);
    see_status st = ws_check_handshake(req, &hs);
    if (st != SEE_OK) {
        log_request(address, req, ws_http_status_of(st));
        if (ws_write_handshake_refusal(&w, st) == SEE_OK)
            write_all(link, out, w.len);
        return;
    }
    if (!ws_origin_is_host(&hs, req)) {
        char origin[200];
        snprintf(origin, sizeof origin, "%.*s",
                 hs.origin.ptr ? (int)(hs.origin.len < 199 ? hs.origin.len : 199) : 0,
                 hs.origin.ptr ? hs.origin.ptr : "");
        log_request(address, req, 403);
        alex_event("refused", EV_STR("peer", address),
                   EV_STR("reason", "cross-origin WebSocket"), EV_STR("origin", origin),
                   EV_END);
        send_status_response(link, 403, 0);
        return;
    }
    log_request(address, req, 101);
    if (ws_write_handshake_response(&w, &hs) != SEE_OK || write_all(link, out, w.len) != SEE_OK)
        return;
    serve_websocket(server, link, address, rest, rest_len);
}

/* One request: 1 to read the next on this connection, 0 to close it. */
static int answer_request(const alex_web_server *server, alex_link *link,
                          const char *address, const http_request *req,
                          const uint8_t *rest, size_t rest_len)
{
    int keep_alive = req->version_minor == 1 && !http_field_has_token(req, "Connection", "close");
    if (http_span_equals_nocase(req->path, "/")) {
        log_request(address, req, 200);
        return send_page(server, link, keep_alive) == SEE_OK && keep_alive;
    }
    if (http_span_equals_nocase(req->path, "/ws")) {
        open_websocket(server, link, address, req, rest, rest_len);
        return 0;
    }
    /* a browser asks for /favicon.ico beside the page: the connection
     * stays open for what comes next */
    log_request(address, req, 404);
    return send_status_response(link, 404, keep_alive) == SEE_OK && keep_alive;
}

/* A request that cannot be answered: its status (Connection: close) and
 * an http event saying why. */
static void refuse_request(alex_link *link, const char *address, see_status st, int status,
                           const char *reason)
{
    uint8_t out[600];
    writer w;
    writer_init(&w, out, sizeof out);
    alex_event("http", EV_STR("peer", address), EV_STR("reason", reason),
               EV_NUM("status", status), EV_END);
    if ((st == SEE_OK ? http_write_status_response(&w, status, NULL, 0)
                      : http_write_refusal(&w, st)) == SEE_OK)
        write_all(link, out, w.len);
}

void alex_web_serve(const alex_web_server *server, alex_link *link, const char *address)
{
    enum { CAP = HTTP_MAX_HEAD };
    uint8_t *buf = malloc(CAP);
    if (buf == NULL)
        return;
    size_t have = 0;
    /* idle: no byte for ALEX_WEB_IDLE_MS between requests; a head begun
     * must be whole within head_ms, however its bytes are paced (one
     * byte every few seconds would otherwise hold the connection for
     * days) */
    long long idle_since = alex_now_ms(), head_since = 0;
    while (!atomic_load(server->stop)) {
        http_request req;
        see_status st = http_parse_request(buf, have, &req);
        if (st == SEE_OK) {
            int more = answer_request(server, link, address, &req, buf + req.head_len,
                                      have - req.head_len);
            if (!more)
                break;
            memmove(buf, buf + req.head_len, have - req.head_len);
            have -= req.head_len;
            idle_since = head_since = alex_now_ms();
            continue;
        }
        if (st != SEE_ERR_NEED_MORE) {
            refuse_request(link, address, st, http_status_of(st), alex_strerror(st));
            break;
        }
        if (have > 0 && alex_now_ms() - head_since > server->head_ms) {
            char why[80];
            snprintf(why, sizeof why, "request head not whole within %d ms", server->head_ms);
            refuse_request(link, address, SEE_OK, 408, why);
            break;
        }
        size_t n = 0;
        if (have == CAP ||
            link->read(link->ctx, buf + have, CAP - have, 100, &n) != SEE_OK)
            break;
        if (have == 0 && n > 0)
            head_since = alex_now_ms();
        have += n;
        if (n > 0)
            idle_since = alex_now_ms();
        else if (have == 0 && alex_now_ms() - idle_since > ALEX_WEB_IDLE_MS)
            break;
    }
    free(buf);
}

void alex_web_refuse_full(alex_link *link, const char *address)
{
    char why[80];
    snprintf(why, sizeof why, "%d web connections open already", ALEX_WEB_MAX_OPEN);
    alex_event("refused", EV_STR("peer", address), EV_STR("reason", why), EV_END);
    uint8_t out[300];
    writer w;
    writer_init(&w, out, sizeof out);
    if (http_write_status_response(&w, 503, NULL, 0) == SEE_OK)
        write_all(link, out, w.len);
}
