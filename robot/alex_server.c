/* alex_server.c: one controller at a time, with a fail-safe (alex_server.h). */
#include "robot/alex_server.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "handshake/transport.h"
#include "robot/alex_control.h"
#include "robot/alex_events.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"
#include "robot/alex_web.h"

typedef struct connection connection;

typedef struct {
    const alex_server_config *config;
    atomic_int *stop;
    int cancel[2];            /* a pipe: written once on stop, its reading end
                                 ends every handshake's wait (tls_socket.h) */
    tls_socket_limits limits; /* every connection's */
    int max_handshakes;
    alex_control control;     /* the one controller, terminal or web */
    alex_web_pairing pairing; /* wrong pairing codes, across connections */
    pthread_mutex_t lock;
    int handshakes;           /* connections still strangers (no handshake
                                 done yet) */
    int web_open;             /* web connections past their handshake */
    connection *connections;  /* every connection thread not yet joined;
                                 the accepting thread's alone */
} server_state;

struct connection {
    server_state *state;
    int fd;
    int web;                  /* came in by the web console's port */
    char address[64];
    pthread_t thread;
    int finished;             /* under state->lock: the thread is done */
    connection *next;
};

static see_status send_error(alex_link *link, uint8_t code, const char *reason)
{
    alex_message m;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_ERROR;
    m.code = code;
    snprintf(m.text, sizeof m.text, "%s", reason);
    return alex_message_send(link, &m);
}

/* Turn the robot's reply packet into the message the laptop gets. */
static see_status relay_reply(alex_link *link, const alex_packet *reply)
{
    if (reply->packet_type == ALEX_PACKET_RESPONSE &&
        reply->command == ALEX_RESP_STATUS) {
        alex_message m;
        memset(&m, 0, sizeof m);
        m.kind = ALEX_MSG_STATUS;
        memcpy(m.params, reply->params, sizeof m.params);
        return alex_message_send(link, &m);
    }
    if (reply->packet_type == ALEX_PACKET_RESPONSE)
        return send_error(link, ALEX_ERR_OK, "");
    return send_error(link, reply->command, "the robot refused the command");
}

static see_status handle_command(server_state *state, alex_link *link,
                                 const alex_message *m)
{
    alex_packet reply;
    char why[100];
    uint8_t code = alex_control_command(&state->control, m, &reply, why, sizeof why);
    if (code != ALEX_ERR_OK)
        return send_error(link, code, why);
    return relay_reply(link, &reply);
}

static see_status handle_message(server_state *state, alex_link *link,
                                 const alex_message *m)
{
    switch (m->kind) {
    case ALEX_MSG_HEARTBEAT:
        return SEE_OK;
    case ALEX_MSG_COMMAND:
        return handle_command(state, link, m);
    default:
        alex_event("invalid", EV_STR("reason", "unexpected message kind"),
                   EV_NUM("kind", m->kind), EV_END);
        return send_error(link, ALEX_ERR_BAD_PACKET, "unexpected message kind");
    }
}

/* The watchdog alone decides that the controller went silent (and stops
 * the motors, alex_control_watch); the connection's thread then only
 * closes the link. */
/* Read and answer messages until the link fails or goes quiet; returns why
 * the controller was lost: the link's read's status, or the server's own
 * verdict (ALEX_STATUS_SILENT, _MALFORMED, _LINK_WRITE, _SERVER_STOPPING). */
static see_status serve_controller(server_state *state, alex_link *link)
{
    alex_message_reader lines;
    alex_message_reader_init(&lines);
    uint8_t buf[1024];
    while (!atomic_load(state->stop)) {
        size_t n;
        see_status st = link->read(link->ctx, buf, sizeof buf, 20, &n);
        if (st != SEE_OK && atomic_load(state->stop))
            break; /* the read was cancelled */
        TRY(st);
        if (n == 0) {
            ENSURE(!alex_control_silenced(&state->control), ALEX_STATUS_SILENT);
            continue;
        }
        alex_control_heard(&state->control);
        for (size_t pos = 0; pos < n;) {
            alex_message m;
            size_t used;
            int whole;
            st = alex_message_reader_feed(&lines, buf + pos, n - pos, &used, &m, &whole);
            pos += used;
            if (st != SEE_OK) {
                send_error(link, ALEX_ERR_BAD_PACKET, alex_strerror(ALEX_STATUS_MALFORMED));
                return ALEX_STATUS_MALFORMED;
            }
            if (whole)
                ENSURE(handle_message(state, link, &m) == SEE_OK, ALEX_STATUS_LINK_WRITE);
        }
    }
    return ALEX_STATUS_SERVER_STOPPING;
}

/* Why the controller was lost (serve_controller's status), in the events'
 * words; *tampering says whether a record was forged on the way. */
static void describe_loss(const server_state *state, const alex_link *link, see_status st,
                          char *why, size_t why_len, tls_tampering *tampering)
{
    *tampering = TLS_NO_TAMPERING;
    if (st == ALEX_STATUS_SILENT) {
        snprintf(why, why_len, "no command or heartbeat for %d ms", state->config->idle_ms);
    } else if (st == ALEX_STATUS_MALFORMED || st == ALEX_STATUS_LINK_WRITE ||
               st == ALEX_STATUS_SERVER_STOPPING) {
        snprintf(why, why_len, "%s", alex_strerror(st));
    } else { /* the link's own failure: its layer says it best */
        alex_link_failure failure;
        alex_link_failure_get(link, st, &failure);
        snprintf(why, why_len, "%s", failure.text);
        *tampering = alex_link_tampering(&failure);
    }
}

/* Tampering, found by us or by the laptop: an event of its own, so that a
 * person or a program watching the robot can act on it. */
static void log_tampering(const alex_link *link, tls_tampering tampering)
{
    if (tampering == TLS_NO_TAMPERING)
        return;
    alex_event("tampering", EV_STR("peer", link->peer),
               EV_STR("found_by", tampering == TLS_TAMPERING_FOUND ? "robot" : "laptop"),
               EV_STR("reason", tampering == TLS_TAMPERING_FOUND
                                    ? "a record from the laptop failed its MAC check"
                                    : "the laptop found a record from the robot failing its "
                                      "MAC check"),
               EV_END);
}

/* What a refused handshake means, in the lab's words, or NULL where the
 * handshake's own reason says it best. */
static const char *refusal_in_words(see_status st)
{
    switch (st) {
    case SEE_ERR_X509_UNKNOWN_ISSUER:
        return "the laptop's certificate is from an unknown CA";
    case SEE_ERR_X509_EXPIRED:
        return "the laptop's certificate has expired";
    case SEE_ERR_X509_NOT_YET_VALID:
        return "the laptop's certificate is not valid yet (is the Pi's clock right?)";
    case SEE_ERR_X509_BAD_SIGNATURE:
        return "the laptop's certificate does not carry a valid CA signature";
    case SEE_ERR_X509_PURPOSE:
    case SEE_ERR_TLS_KEY_USAGE:
        return "the laptop's certificate is not one for a client";
    case SEE_ERR_TLS_NO_CLIENT_CERTIFICATE:
        return "the laptop showed no certificate, and the robot requires one";
    case SEE_ERR_TLS_BAD_SIGNATURE:
        return "the laptop's CertificateVerify does not verify (not its certificate's "
               "key, or the handshake was changed on the way)";
    case SEE_ERR_TLS_ALERT_RECEIVED:
        return "the laptop refused the robot";
    case SEE_ERR_TLS_RECORD_TYPE:
    case SEE_ERR_TLS_RECORD_VERSION:
    case SEE_ERR_TLS_PROTOCOL_VERSION:
        return "the peer does not speak TLS 1.2 (a client with --insecure-plaintext?)";
    default:
        return NULL;
    }
}

/* A refusal's summary for people: the words above, then what the
 * handshake's reason says after its own status (the alert we sent, the
 * refused certificate's name and issuer). 0 when there are no such words. */
static int summarise_refusal(see_status st, const char *why, char *out, size_t cap)
{
    static const char handshake[] = "TLS handshake: ";
    const char *words = refusal_in_words(st);
    if (words == NULL)
        return 0;
    const char *detail = why;
    if (strncmp(detail, handshake, sizeof handshake - 1) == 0)
        detail += sizeof handshake - 1;
    size_t status_len = strlen(alex_strerror(st));
    if (strncmp(detail, alex_strerror(st), status_len) == 0)
        snprintf(out, cap, "%s%s", words, detail + status_len);
    else
        snprintf(out, cap, "%s (%s)", words, detail);
    return 1;
}

static void log_refused_handshake(const char *address, see_status st, const char *why)
{
    char summary[800];
    if (summarise_refusal(st, why, summary, sizeof summary))
        alex_event("refused", EV_STR("peer", address), EV_STR("reason", why),
                   EV_STR("summary", summary), EV_END);
    else
        alex_event("refused", EV_STR("peer", address), EV_STR("reason", why), EV_END);
}

static void refuse_busy(alex_link *link, const char *address, const char *in_charge)
{
    static const char busy[] = "busy: another controller is connected";
    char summary[600];
    snprintf(summary, sizeof summary, "busy: %s is the controller", in_charge);
    alex_event("refused", EV_STR("peer", link->peer), EV_STR("address", address),
               EV_STR("reason", busy), EV_STR("summary", summary), EV_END);
    send_error(link, ALEX_ERR_BUSY, busy);
    link->close(link->ctx);
}

/* The handshake is done (or failed): no longer a stranger. */
static void known(server_state *state)
{
    pthread_mutex_lock(&state->lock);
    state->handshakes--;
    pthread_mutex_unlock(&state->lock);
}

/* A connection to the web console's port: plain HTTP refused, then the
 * TLS handshake (a client certificate optional), then the console. */
static void serve_web_connection(connection *c)
{
    server_state *state = c->state;
    const alex_web_config *web = state->config->web;
    alex_link link;
    char why[640] = "";
    see_status st = alex_web_refuse_plain_http(c->fd, c->address, state->limits.handshake_ms,
                                               state->limits.cancel_fd);
    if (st == SEE_OK)
        st = alex_server_open_tls((void *)web->tls, c->fd, c->address, &state->limits,
                                  &link, why, sizeof why);
    known(state);
    if (st == SEE_ERR_TLS_CLOSED) {
        /* Not a refusal: a browser opens spare connections in advance and
         * closes those it did not need, handshake begun or not (Chromium
         * does on every page load). In the events file only. */
        alex_event("web_abandoned", EV_STR("peer", c->address),
                   EV_STR("reason", "the browser closed this connection before its "
                                    "handshake was done (a spare one)"),
                   EV_END);
        return;
    }
    if (st != SEE_OK) {
        if (st != ALEX_STATUS_PLAIN_HTTP && st != SEE_ERR_CANCELLED)
            log_refused_handshake(c->address, st, why[0] ? why : alex_strerror(st));
        return;
    }
    pthread_mutex_lock(&state->lock);
    int room = state->web_open < ALEX_WEB_MAX_OPEN;
    state->web_open += room;
    pthread_mutex_unlock(&state->lock);
    if (!room) {
        alex_web_refuse_full(&link, c->address);
        link.close(link.ctx);
        return;
    }
    alex_web_server server = {.config = web, .control = &state->control,
                              .pairing = &state->pairing, .stop = state->stop,
                              .head_ms = state->limits.handshake_ms};
    alex_web_serve(&server, &link, c->address);
    link.close(link.ctx);
    pthread_mutex_lock(&state->lock);
    state->web_open--;
    pthread_mutex_unlock(&state->lock);
}

static void serve_connection(connection *c)
{
    server_state *state = c->state;
    alex_link link;
    char why[640] = "";

    if (c->web) {
        serve_web_connection(c);
        return;
    }
    see_status opened = state->config->open_link(state->config->link_ctx, c->fd,
                                                 c->address, &state->limits, &link,
                                                 why, sizeof why);
    known(state);
    if (opened != SEE_OK) {
        log_refused_handshake(c->address, opened, why);
        return;
    }
    char in_charge[256];
    if (!alex_control_claim(&state->control, link.peer, state->config->idle_ms, in_charge,
                            sizeof in_charge)) {
        refuse_busy(&link, c->address, in_charge);
        return;
    }
    alex_event("connected", EV_STR("peer", link.peer), EV_STR("address", c->address),
               EV_STR("link", state->config->open_link == alex_server_open_plain
                                  ? "plaintext" : "tls"),
               EV_END);
    tls_tampering tampering;
    describe_loss(state, &link, serve_controller(state, &link), why, sizeof why, &tampering);
    log_tampering(&link, tampering);
    alex_event("link_lost", EV_STR("peer", link.peer), EV_STR("reason", why), EV_END);
    alex_control_release(&state->control, "fail-safe: controller disconnected");
    link.close(link.ctx);
}

static void *connection_thread(void *arg)
{
    connection *c = arg;
    serve_connection(c);
    pthread_mutex_lock(&c->state->lock);
    c->finished = 1; /* the accepting thread joins it and frees c */
    pthread_mutex_unlock(&c->state->lock);
    return NULL;
}

/* Join the connection threads that have finished, or (all) every one,
 * waiting for each: the state they share lives in alex_server_run's
 * frame, and joining is what guarantees that no thread touches it after. */
static void join_connections(server_state *state, int all)
{
    connection **link = &state->connections;
    while (*link != NULL) {
        connection *c = *link;
        pthread_mutex_lock(&state->lock);
        int finished = c->finished;
        pthread_mutex_unlock(&state->lock);
        if (!finished && !all) {
            link = &c->next;
            continue;
        }
        *link = c->next;
        pthread_join(c->thread, NULL);
        free(c);
    }
}

/* The fail-safe: stop the motors as soon as the controller is silent for
 * longer than its limit, whatever its connection thread is doing. */
static void *watchdog_thread(void *arg)
{
    server_state *state = arg;
    while (!atomic_load(state->stop)) {
        struct timespec tick = {0, 10 * 1000000L};
        nanosleep(&tick, NULL);
        alex_robot_tick(state->config->robot);
        alex_control_watch(&state->control);
    }
    return NULL;
}

/* Take fd on as a stranger, in a thread of its own, unless max_handshakes
 * strangers are being served already: then close it at once. */
static void admit(server_state *state, int fd, int web)
{
    connection *c = calloc(1, sizeof *c);
    if (c == NULL) {
        close(fd);
        return;
    }
    c->state = state;
    c->fd = fd;
    c->web = web;
    transport_tcp_peer_name(fd, c->address, sizeof c->address);
    pthread_mutex_lock(&state->lock);
    int room = state->handshakes < state->max_handshakes;
    if (room)
        state->handshakes++;
    pthread_mutex_unlock(&state->lock);
    if (room && pthread_create(&c->thread, NULL, connection_thread, c) == 0) {
        c->next = state->connections;
        state->connections = c;
        return;
    }
    if (room) {
        pthread_mutex_lock(&state->lock);
        state->handshakes--;
        pthread_mutex_unlock(&state->lock);
    }
    close(fd);
    alex_event("refused", EV_STR("peer", c->address),
               EV_STR("reason", room ? alex_strerror(ALEX_STATUS_NO_THREAD)
                                     : "too many handshakes in progress"),
               EV_NUM("max_handshakes", state->max_handshakes), EV_END);
    free(c);
}

/* Wait 100 ms, or less if asked to stop. */
static void pause_accepting(server_state *state)
{
    for (int i = 0; i < 10 && !atomic_load(state->stop); i++) {
        struct timespec t = {0, 10 * 1000000L};
        nanosleep(&t, NULL);
    }
}

/* Accept one connection on listen_fd, readable (web: it is the web
 * console's). A failed accept is followed by a pause: out of descriptors
 * (EMFILE), the listening socket stays readable while the connection waits
 * in its queue, and trying again at once would only spin. The first
 * failure of a run of them is logged. */
static void accept_one(server_state *state, int listen_fd, int web, int *failing)
{
    int fd;
    see_status st = transport_tcp_accept(listen_fd, 100, &fd);
    if (st == SEE_OK) {
        *failing = 0;
        admit(state, fd, web);
    } else if (st != SEE_ERR_TIMEOUT) {
        if (!*failing)
            alex_event("accept_failed", EV_STR("reason", alex_strerror(st)),
                       EV_STR("action", "trying again every 100 ms"), EV_END);
        *failing = 1;
        pause_accepting(state);
    }
}

/* Accept connections on both listeners (the terminal's, and the web
 * console's when there is one) until asked to stop. */
static void accept_until_stopped(server_state *state)
{
    const alex_server_config *cfg = state->config;
    int failing = 0;
    struct pollfd listeners[2] = {{.fd = cfg->listen_fd, .events = POLLIN},
                                  {.fd = cfg->web_listen_fd, .events = POLLIN}};
    nfds_t count = cfg->web != NULL ? 2 : 1;
    while (!atomic_load(state->stop)) {
        join_connections(state, 0);
        if (poll(listeners, count, 100) <= 0)
            continue;
        for (nfds_t i = 0; i < count; i++)
            if (listeners[i].revents != 0)
                accept_one(state, listeners[i].fd, i == 1, &failing);
    }
}

/* Before the strangers are let go: the pipe ends every wait of every
 * socket that has it, an established link's read included, and a link
 * whose read was cut that way closes without close_notify. The
 * controller's thread (and each web page's) notices *stop within its
 * 20 ms read and closes properly: wait for that, at least 50 ms and while
 * the controller has not gone, at most 500 ms. */
static void let_sessions_close(server_state *state)
{
    char who[256];
    for (int waited_ms = 0; waited_ms < 500; waited_ms += 10) {
        if (waited_ms >= 50 && !alex_control_who(&state->control, who, sizeof who))
            return;
        struct timespec t = {0, 10 * 1000000L};
        nanosleep(&t, NULL);
    }
}

see_status alex_server_run(const alex_server_config *config, atomic_int *stop)
{
    server_state state;
    memset(&state, 0, sizeof state);
    state.config = config;
    state.stop = stop;
    state.max_handshakes = config->max_handshakes > 0 ? config->max_handshakes
                                                      : ALEX_MAX_HANDSHAKES;
    ENSURE(pipe2(state.cancel, O_CLOEXEC) == 0, SEE_ERR_NO_DESCRIPTORS);
    tls_socket_limits_init(&state.limits, 5000);
    if (config->handshake_ms > 0)
        state.limits.handshake_ms = config->handshake_ms;
    state.limits.cancel_fd = state.cancel[0];
    pthread_mutex_init(&state.lock, NULL);
    alex_control_init(&state.control, config->robot);
    pthread_mutex_init(&state.pairing.lock, NULL);
    alex_pairing_guard_init(&state.pairing.guard);

    pthread_t watchdog;
    if (pthread_create(&watchdog, NULL, watchdog_thread, &state) != 0) {
        close(state.cancel[0]);
        close(state.cancel[1]);
        return ALEX_STATUS_NO_THREAD;
    }
    accept_until_stopped(&state);
    let_sessions_close(&state);
    /* Let go of every stranger at once: each wait for a peer's bytes ends
     * as the pipe becomes readable. */
    ssize_t told = write(state.cancel[1], "x", 1); /* an empty pipe of ours */
    (void)told;
    pthread_join(watchdog, NULL);
    join_connections(&state, 1);
    pthread_mutex_destroy(&state.lock);
    alex_control_destroy(&state.control);
    pthread_mutex_destroy(&state.pairing.lock);
    close(state.cancel[0]);
    close(state.cancel[1]);
    return SEE_OK;
}

see_status alex_server_open_tls(void *link_ctx, int fd, const char *address,
                                const tls_socket_limits *limits, alex_link *link,
                                char *why, size_t why_len)
{
    const tls_config *cfg = link_ctx;
    return alex_link_tls_accept(link, fd, address, cfg, limits, why, why_len);
}

see_status alex_server_open_plain(void *link_ctx, int fd, const char *address,
                                  const tls_socket_limits *limits, alex_link *link,
                                  char *why, size_t why_len)
{
    (void)link_ctx;
    (void)limits;
    (void)why;
    (void)why_len;
    alex_link_plain(link, fd, address);
    return SEE_OK;
}
