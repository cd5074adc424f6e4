/* alex_server.c: one controller at a time, with a fail-safe (alex_server.h). */
#include "robot/alex_server.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "handshake/transport.h"
#include "robot/alex_events.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"

typedef struct connection connection;

typedef struct {
    const alex_server_config *config;
    atomic_int *stop;
    int cancel[2];            /* a pipe: written once on stop, its reading end
                                 ends every handshake's wait (tls_socket.h) */
    tls_socket_limits limits; /* every connection's */
    int max_handshakes;
    pthread_mutex_t lock;
    int busy;                 /* a controller is connected */
    long long last_heard_ms;  /* when the controller last sent anything */
    int stopped_for_silence;  /* the watchdog already acted on this silence */
    int releasing;            /* the controller is going; motors stopping */
    int handshakes;           /* connections still strangers (no handshake
                                 done yet) */
    char controller[256];     /* who is in charge, while busy */
    connection *connections;  /* every connection thread not yet joined;
                                 the accepting thread's alone */
} server_state;

struct connection {
    server_state *state;
    int fd;
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

/* Why alex_command_to_packet refused m, naming the value and its range
 * ("distance 5000 is out of range 0-1000"). */
static void explain_invalid(const alex_message *m, uint8_t code, char *out, size_t cap)
{
    unsigned char key = (unsigned char)m->key;
    if (code == ALEX_ERR_BAD_COMMAND) {
        if (key > 0x20 && key < 0x7f)
            snprintf(out, cap, "unknown command '%c' (the commands are f, b, l, r, s, c, g)", key);
        else
            snprintf(out, cap, "unknown command 0x%02x (the commands are f, b, l, r, s, c, g)", key);
        return;
    }
    int turn = key == 'l' || key == 'r';
    const char *what = turn ? "angle" : "distance";
    int32_t limit = turn ? ALEX_MAX_ANGLE_DEG : ALEX_MAX_DISTANCE_CM;
    if (m->p1 < 0 || m->p1 > limit)
        snprintf(out, cap, "%s %ld is out of range 0-%ld", what, (long)m->p1, (long)limit);
    else
        snprintf(out, cap, "power %ld is out of range 0-%d", (long)m->p2, ALEX_MAX_POWER_PCT);
}

static see_status handle_command(server_state *state, alex_link *link,
                                 const alex_message *m)
{
    char key[2] = {m->key, '\0'};
    alex_packet packet, reply;
    uint8_t code = alex_command_to_packet(m, &packet);
    if (code != ALEX_ERR_OK) {
        char why[100];
        explain_invalid(m, code, why, sizeof why);
        alex_event("invalid", EV_STR("key", key), EV_NUM("p1", m->p1),
                   EV_NUM("p2", m->p2), EV_STR("reason", why), EV_END);
        return send_error(link, code, why);
    }
    alex_event("command", EV_STR("key", key), EV_NUM("p1", m->p1),
               EV_NUM("p2", m->p2), EV_END);
    see_status st = alex_robot_send(state->config->robot, &packet, &reply);
    if (st != SEE_OK) {
        alex_event("robot_error", EV_STR("key", key), EV_STR("reason", alex_strerror(st)),
                   EV_END);
        return send_error(link, ALEX_ERR_ROBOT, alex_strerror(st));
    }
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

static void heard_from_controller(server_state *state)
{
    pthread_mutex_lock(&state->lock);
    state->last_heard_ms = alex_now_ms();
    state->stopped_for_silence = 0;
    pthread_mutex_unlock(&state->lock);
}

/* The watchdog alone decides that the controller went silent (and stops
 * the motors); the connection's thread then only closes the link. */
static int watchdog_fired(server_state *state)
{
    pthread_mutex_lock(&state->lock);
    int fired = state->stopped_for_silence;
    pthread_mutex_unlock(&state->lock);
    return fired;
}

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
            ENSURE(!watchdog_fired(state), ALEX_STATUS_SILENT);
            continue;
        }
        heard_from_controller(state);
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

/* Become the controller if nobody is. A controller that is being released
 * (its motors are being stopped) is waited for a moment, so that the next
 * controller is served at once rather than told "busy" by a hair. Refused,
 * *in_charge is who has the robot. */
static int claim_controller(server_state *state, const char *peer,
                            char *in_charge, size_t in_charge_len)
{
    for (int waited_ms = 0;; waited_ms += 10) {
        pthread_mutex_lock(&state->lock);
        int claimed = !state->busy;
        int releasing = state->releasing;
        if (claimed) {
            state->busy = 1;
            state->last_heard_ms = alex_now_ms();
            state->stopped_for_silence = 0;
            snprintf(state->controller, sizeof state->controller, "%s", peer);
        } else {
            snprintf(in_charge, in_charge_len, "%s", state->controller);
        }
        pthread_mutex_unlock(&state->lock);
        if (claimed || !releasing || waited_ms >= 500)
            return claimed;
        struct timespec t = {0, 10 * 1000000L};
        nanosleep(&t, NULL);
    }
}

static void release_controller(server_state *state, const char *reason)
{
    pthread_mutex_lock(&state->lock);
    int already_stopped = state->stopped_for_silence;
    state->releasing = 1;
    pthread_mutex_unlock(&state->lock);
    if (!already_stopped)
        alex_robot_stop(state->config->robot, reason);
    pthread_mutex_lock(&state->lock);
    state->busy = 0;
    state->releasing = 0;
    pthread_mutex_unlock(&state->lock);
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

static void serve_connection(connection *c)
{
    server_state *state = c->state;
    alex_link link;
    char why[640] = "";

    see_status opened = state->config->open_link(state->config->link_ctx, c->fd,
                                                 c->address, &state->limits, &link,
                                                 why, sizeof why);
    pthread_mutex_lock(&state->lock);
    state->handshakes--; /* no longer a stranger: known, or gone */
    pthread_mutex_unlock(&state->lock);
    if (opened != SEE_OK) {
        log_refused_handshake(c->address, opened, why);
        return;
    }
    char in_charge[256];
    if (!claim_controller(state, link.peer, in_charge, sizeof in_charge)) {
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
    release_controller(state, "fail-safe: controller disconnected");
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
 * longer than idle_ms, whatever its connection thread is doing. */
static void *watchdog_thread(void *arg)
{
    server_state *state = arg;
    while (!atomic_load(state->stop)) {
        struct timespec tick = {0, 10 * 1000000L};
        nanosleep(&tick, NULL);
        alex_robot_tick(state->config->robot);

        pthread_mutex_lock(&state->lock);
        long long last_heard = state->last_heard_ms;
        int act = state->busy && !state->stopped_for_silence &&
                  alex_now_ms() - last_heard > state->config->idle_ms;
        if (act)
            state->stopped_for_silence = 1;
        pthread_mutex_unlock(&state->lock);
        if (act) {
            /* The moment the link counts as lost is last_heard + idle_ms;
             * both are logged so the stop's delay can be checked. */
            char reason[96];
            snprintf(reason, sizeof reason,
                     "fail-safe: controller silent for %d ms (no command or heartbeat)",
                     state->config->idle_ms);
            alex_event("silent", EV_NUM("last_heard_t_ms", last_heard),
                       EV_NUM("idle_ms", state->config->idle_ms), EV_END);
            alex_robot_stop(state->config->robot, reason);
        }
    }
    return NULL;
}

/* Take fd on as a stranger, in a thread of its own, unless max_handshakes
 * strangers are being served already: then close it at once. */
static void admit(server_state *state, int fd)
{
    connection *c = calloc(1, sizeof *c);
    if (c == NULL) {
        close(fd);
        return;
    }
    c->state = state;
    c->fd = fd;
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

/* Accept connections until asked to stop. A failed accept is followed by a
 * pause: out of descriptors (EMFILE), the listening socket stays readable
 * while the connection waits in its queue, and trying again at once would
 * only spin. The first failure of a run of them is logged. */
static void accept_until_stopped(server_state *state)
{
    int failing = 0;
    while (!atomic_load(state->stop)) {
        join_connections(state, 0);
        int fd;
        see_status st = transport_tcp_accept(state->config->listen_fd, 100, &fd);
        if (st == SEE_OK) {
            failing = 0;
            admit(state, fd);
        } else if (st != SEE_ERR_TIMEOUT) {
            if (!failing)
                alex_event("accept_failed", EV_STR("reason", alex_strerror(st)),
                           EV_STR("action", "trying again every 100 ms"), EV_END);
            failing = 1;
            pause_accepting(state);
        }
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

    pthread_t watchdog;
    if (pthread_create(&watchdog, NULL, watchdog_thread, &state) != 0) {
        close(state.cancel[0]);
        close(state.cancel[1]);
        return ALEX_STATUS_NO_THREAD;
    }
    accept_until_stopped(&state);
    /* Let go of every stranger at once: each wait for a peer's bytes ends
     * as the pipe becomes readable. The controller's thread notices *stop
     * within its 20 ms read. */
    ssize_t told = write(state.cancel[1], "x", 1); /* an empty pipe of ours */
    (void)told;
    pthread_join(watchdog, NULL);
    join_connections(&state, 1);
    pthread_mutex_destroy(&state.lock);
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
