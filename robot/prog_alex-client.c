/*
 * alex-client: drives Alex from the laptop.
 *
 *   alex-client HOST[:PORT] --ca CA --cert CERT --key KEY [--servername NAME]
 *               [--cmd SCRIPT [--move-timeout S] | --drive [--power N]]
 *   alex-client HOST[:PORT] --insecure-plaintext [...]
 *
 * The link is TLS 1.2 with mutual authentication: the robot's certificate
 * must come from the CA in CA and carry the name NAME (by default HOST),
 * and the laptop shows its own certificate (CERT, with its key KEY), which
 * the robot checks against the lab's CA.
 *
 * Interactive by default, with the lab's keys: f/b/l/r (then distance or
 * angle, and power, or all on one line: "f 10 50"), s stop, c clear stats,
 * g get stats, q quit. --cmd "f 50 75; l 90 60; g; wait 2; s" runs a
 * script (robot/alex_script.h: each move is waited for unless it ends in
 * '&'; wait N keeps the link alive for N seconds; q ends the script).
 * --drive: WASD in a raw terminal, a key held drives, released stops
 * (robot/alex_drive.h says how a terminal tells), space stops, q quits.
 *
 * Whatever the user does, something goes to the robot every
 * ALEX_HEARTBEAT_MS: a command, or a heartbeat.
 *
 * Exit status: 0 all went well; 1 cannot connect or the link failed;
 * 2 usage; 3 the robot refused a command (or a step was out of range);
 * 4 the robot is busy with another controller; 5 a move did not end
 * within --move-timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "handshake/transport.h"
#include "robot/alex_drive.h"
#include "robot/alex_link.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"
#include "robot/alex_options.h"
#include "robot/alex_script.h"
#include "robot/alex_tls_config.h"

enum { EXIT_LINK = 1, EXIT_USAGE = 2, EXIT_REFUSED = 3, EXIT_BUSY = 4, EXIT_MOVE_TIMEOUT = 5 };

#define CONNECT_MS 5000     /* for the TCP connection to the robot */
#define HANDSHAKE_READ_MS 5000
#define REPLY_MS 3000       /* for the reply to a command */

/* Any server's idle limit must leave room for our heartbeats. */
_Static_assert(2 * ALEX_HEARTBEAT_MS <= ALEX_MIN_IDLE_MS,
               "a server's shortest idle limit must outlast two heartbeat intervals");

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ------------------------------------------------------------ connect --- */

/* Connect to one address within the time left until deadline: 0, or the
 * errno that failed it (ETIMEDOUT when no answer came in time). */
static int connect_one(const struct addrinfo *a, long long deadline, int *fd_out)
{
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    a->ai_protocol);
    if (fd < 0)
        return errno;
    int err = 0;
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS)
        err = errno;
    while (err == 0) {
        long long left = deadline - now_ms();
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int ready = left > 0 ? poll(&p, 1, (int)left) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            err = ready == 0 ? ETIMEDOUT : errno;
            break;
        }
        socklen_t len = sizeof err;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
            err = errno;
        break;
    }
    if (err != 0) {
        close(fd);
        return err;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK); /* reads poll first */
    transport_tcp_no_delay(fd);
    *fd_out = fd;
    return 0;
}

/* Connect to HOST[:PORT] (5001 by default) within CONNECT_MS, saying why
 * not: a robot that does not answer (off the network, or its server's
 * queue of connections full) would otherwise keep us waiting for minutes
 * while the kernel retries. */
static int connect_to(const char *target)
{
    char host[256];
    const char *port = "5001";
    snprintf(host, sizeof host, "%s", target);
    char *colon = strrchr(host, ':');
    if (colon != NULL) {
        *colon = '\0';
        port = target + (colon - host) + 1;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "alex-client: cannot connect to %s: %s\n", target, gai_strerror(rc));
        return -1;
    }
    long long deadline = now_ms() + CONNECT_MS;
    int fd = -1, err = 0;
    for (struct addrinfo *a = res; a != NULL && fd < 0; a = a->ai_next)
        err = connect_one(a, deadline, &fd);
    freeaddrinfo(res);
    if (fd >= 0)
        return fd;
    if (err == ETIMEDOUT)
        fprintf(stderr, "alex-client: cannot connect to %s: no answer within %d s (is the "
                        "robot on the network, and alex-server running?)\n",
                target, CONNECT_MS / 1000);
    else if (err == ECONNREFUSED)
        fprintf(stderr, "alex-client: cannot connect to %s: connection refused (is "
                        "alex-server running, on that port?)\n", target);
    else
        fprintf(stderr, "alex-client: cannot connect to %s: %s\n", target, strerror(err));
    return -1;
}

/* ------------------------------------------------------------ session --- */

typedef struct {
    alex_link link;
    alex_message_reader reader;
    uint8_t pending[1024];        /* bytes read, not yet fed to the reader */
    size_t pending_len, pending_pos;
    long long last_sent_ms;       /* when we last sent anything */
} session;

/* The link's failure st (a read's, a write's, or ALEX_STATUS_MALFORMED
 * from the message reader) in the words that follow "the link to the
 * robot was lost ...: "; *tampering says whether a record was forged. */
static void describe_failure(const session *s, see_status st, char *why, size_t cap,
                             tls_tampering *tampering)
{
    *tampering = TLS_NO_TAMPERING;
    if (st == ALEX_STATUS_MALFORMED) {
        snprintf(why, cap, "a malformed message");
    } else if (st == ALEX_STATUS_LINK_CLOSED) {
        snprintf(why, cap, "the connection closed");
    } else { /* TLS's own words, with the alert */
        alex_link_failure failure;
        alex_link_failure_get(&s->link, st, &failure);
        snprintf(why, cap, "%s", failure.text);
        *tampering = alex_link_tampering(&failure);
    }
}

/* The link is gone (st says why): say so, and how it went. Returns
 * EXIT_LINK. */
static int link_lost(const session *s, see_status st, const char *doing)
{
    if (st == SEE_ERR_TLS_CLOSE_NOTIFY) {
        fprintf(stderr, "alex-client: the robot closed the link %s (its server is "
                        "stopping, or heard nothing from this laptop for too long)\n", doing);
        return EXIT_LINK;
    }
    char why[ALEX_LINK_FAILURE_TEXT];
    tls_tampering tampering;
    describe_failure(s, st, why, sizeof why, &tampering);
    fprintf(stderr, "alex-client: the link to the robot was lost %s: %s\n", doing, why);
    if (tampering == TLS_TAMPERING_FOUND)
        fprintf(stderr, "alex-client: tampering detected: a record from the robot failed its "
                        "MAC check (changed, replayed or reordered on the way)\n");
    else if (tampering == TLS_TAMPERING_REPORTED)
        fprintf(stderr, "alex-client: tampering detected: the robot found a record from this "
                        "laptop failing its MAC check (changed, replayed or reordered on the "
                        "way)\n");
    return EXIT_LINK;
}

static int send_message(session *s, const alex_message *m, const char *doing)
{
    see_status st = alex_message_send(&s->link, m);
    if (st != SEE_OK)
        return link_lost(s, st, doing);
    s->last_sent_ms = now_ms();
    return 0;
}

/* A heartbeat, if nothing went to the robot for ALEX_HEARTBEAT_MS. */
static int heartbeat_if_due(session *s, const char *doing)
{
    if (now_ms() - s->last_sent_ms < ALEX_HEARTBEAT_MS)
        return 0;
    alex_message m;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_HEARTBEAT;
    return send_message(s, &m, doing);
}

/* Milliseconds until the next heartbeat is due (at least 1). */
static int until_heartbeat(const session *s)
{
    long long left = s->last_sent_ms + ALEX_HEARTBEAT_MS - now_ms();
    return left < 1 ? 1 : (int)left;
}

/* Wait up to timeout_ms for one whole message: SEE_OK with *got 1 (the
 * message in *m) or 0 (nothing yet); else the link failed
 * (the read's status) or sent garbage (ALEX_STATUS_MALFORMED). */
static see_status receive(session *s, alex_message *m, int timeout_ms, int *got)
{
    long long deadline = now_ms() + timeout_ms;
    *got = 0;
    for (;;) {
        while (s->pending_pos < s->pending_len) {
            size_t used;
            see_status st = alex_message_reader_feed(&s->reader, s->pending + s->pending_pos,
                                                     s->pending_len - s->pending_pos, &used,
                                                     m, got);
            s->pending_pos += used;
            ENSURE(st == SEE_OK, ALEX_STATUS_MALFORMED);
            if (*got)
                return SEE_OK;
        }
        long long left = deadline - now_ms();
        size_t n;
        TRY(s->link.read(s->link.ctx, s->pending, sizeof s->pending,
                         left > 0 ? (int)left : 0, &n));
        s->pending_len = n;
        s->pending_pos = 0;
        if (n == 0 && left <= 0)
            return SEE_OK;
    }
}

/* Wait up to timeout_ms for a message, sending heartbeats meanwhile:
 * 1 got one, 0 none came, or -EXIT_LINK when the link is gone (said). */
static int await_message(session *s, alex_message *m, int timeout_ms, const char *doing)
{
    long long end = now_ms() + timeout_ms;
    for (;;) {
        if (heartbeat_if_due(s, doing) != 0)
            return -EXIT_LINK;
        long long left = end - now_ms();
        int slice = until_heartbeat(s), got;
        see_status st = receive(s, m, left < slice ? (int)(left > 0 ? left : 0) : slice, &got);
        if (st != SEE_OK)
            return -link_lost(s, st, doing);
        if (got)
            return 1;
        if (left <= 0)
            return 0;
    }
}

/* An ERROR message that is not OK: say what the robot refused. */
static int refused(const alex_message *reply, const char *what)
{
    if (reply->code == ALEX_ERR_BUSY) {
        fprintf(stderr, "alex-client: the robot is busy: another controller is connected\n");
        return EXIT_BUSY;
    }
    fprintf(stderr, "alex-client: the robot refused %s: %s (code %u)\n", what,
            reply->text[0] ? reply->text : "error", reply->code);
    return EXIT_REFUSED;
}

/* Send one command and wait for its reply: 0 (the reply in *reply) or an
 * EXIT_* status, said. */
static int command(session *s, char key, int32_t p1, int32_t p2, const char *text,
                   alex_message *reply)
{
    alex_message m;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_COMMAND;
    m.key = key;
    m.p1 = p1;
    m.p2 = p2;
    char doing[96];
    snprintf(doing, sizeof doing, "sending '%s'", text);
    if (send_message(s, &m, doing) != 0)
        return EXIT_LINK;
    snprintf(doing, sizeof doing, "waiting for the reply to '%s'", text);
    int got = await_message(s, reply, REPLY_MS, doing);
    if (got < 0)
        return -got;
    if (got == 0) {
        fprintf(stderr, "alex-client: no reply from the robot to '%s' within %d s\n", text,
                REPLY_MS / 1000);
        return EXIT_LINK;
    }
    char what[80];
    snprintf(what, sizeof what, "'%s'", text);
    if (reply->kind == ALEX_MSG_ERROR && reply->code != ALEX_ERR_OK)
        return refused(reply, what);
    if (reply->kind != ALEX_MSG_ERROR && reply->kind != ALEX_MSG_STATUS) {
        fprintf(stderr, "alex-client: unexpected reply kind %u to '%s'\n", reply->kind, text);
        return EXIT_LINK;
    }
    return 0;
}

static void print_status(const alex_message *m)
{
    static const char *const names[] = {
        "Left Forward Ticks", "Right Forward Ticks", "Left Reverse Ticks",
        "Right Reverse Ticks", "Left Forward Ticks Turns", "Right Forward Ticks Turns",
        "Left Reverse Ticks Turns", "Right Reverse Ticks Turns",
        "Forward Distance", "Reverse Distance",
    };
    printf("\n ------- ALEX STATUS REPORT ------- \n\n");
    for (int i = 0; i < 10; i++)
        printf("%-26s %u\n", names[i], m->params[i]);
    printf("\n---------------------------------------\n\n");
}

/* A command as the lab's client shows it: "Command OK", or the report. */
static int command_shown(session *s, char key, int32_t p1, int32_t p2, const char *text)
{
    alex_message reply;
    int st = command(s, key, p1, p2, text, &reply);
    if (st != 0)
        return st;
    if (reply.kind == ALEX_MSG_STATUS)
        print_status(&reply);
    else
        printf("Command OK\n");
    fflush(stdout);
    return 0;
}

/* Keep the link alive for ms milliseconds. A message from the robot
 * meanwhile (it has nothing to say unasked, but a busy refusal) ends it. */
static int keep_alive(session *s, long long ms, const char *doing)
{
    alex_message m;
    int got = await_message(s, &m, (int)ms, doing);
    if (got < 0)
        return -got;
    if (got > 0 && m.kind == ALEX_MSG_ERROR && m.code != ALEX_ERR_OK)
        return refused(&m, "this laptop");
    return 0;
}

/* ------------------------------------------------------------- script --- */

/* The counters, asked for without showing them. */
static int read_counters(session *s, const char *text, uint32_t counters[ALEX_PARAM_COUNT])
{
    alex_message reply;
    int st = command(s, 'g', 0, 0, text, &reply);
    if (st != 0)
        return st;
    if (reply.kind != ALEX_MSG_STATUS) {
        fprintf(stderr, "alex-client: the robot sent no status report for '%s'\n", text);
        return EXIT_LINK;
    }
    memcpy(counters, reply.params, sizeof reply.params);
    return 0;
}

/* A move, waited for: the counters before it, the command, then a status
 * report every ALEX_MOVE_POLL_MS until the move is done (alex_script.h) or
 * timeout_ms pass, when the robot is stopped. */
static int run_move(session *s, const alex_step *step, long timeout_ms)
{
    uint32_t counters[ALEX_PARAM_COUNT];
    int st = read_counters(s, step->text, counters);
    if (st == 0)
        st = command_shown(s, step->key, step->p1, step->p2, step->text);
    if (st != 0)
        return st;
    alex_move_watch watch;
    alex_move_watch_start(&watch, step->key, step->p1, counters, now_ms());
    char doing[96];
    snprintf(doing, sizeof doing, "during '%s'", step->text);
    for (;;) {
        if ((st = keep_alive(s, ALEX_MOVE_POLL_MS, doing)) != 0 ||
            (st = read_counters(s, step->text, counters)) != 0)
            return st;
        alex_move_state state = alex_move_watch_status(&watch, counters, now_ms());
        if (state == ALEX_MOVE_DONE) {
            printf("Move done\n");
            return 0;
        }
        if (state == ALEX_MOVE_DID_NOT_MOVE) {
            printf("The robot did not move (too little power? wheels blocked?)\n");
            return 0;
        }
        if (now_ms() - watch.started_ms >= timeout_ms) {
            fprintf(stderr, "alex-client: '%s' did not end within %ld s: stopping the robot\n",
                    step->text, timeout_ms / 1000);
            alex_message reply;
            st = command(s, 's', 0, 0, "s", &reply);
            return st != 0 ? st : EXIT_MOVE_TIMEOUT;
        }
    }
}

/* One step; *moving says whether the robot may be moving when it ends. */
static int run_step(session *s, const alex_step *step, long move_timeout_ms, int *moving)
{
    printf("> %s\n", step->text);
    fflush(stdout);
    if (step->kind == ALEX_STEP_WAIT) {
        char doing[96];
        snprintf(doing, sizeof doing, "during '%s'", step->text);
        return keep_alive(s, step->wait_ms, doing);
    }
    int move = alex_step_is_move(step->key);
    if (move && step->p1 > 0 && !step->no_wait) {
        *moving = 0;
        return run_move(s, step, move_timeout_ms);
    }
    if (move)
        *moving = 1;
    else if (step->key == 's')
        *moving = 0;
    return command_shown(s, step->key, step->p1, step->p2, step->text);
}

/* The script was checked before we connected (alex_script_check). */
static int run_script(session *s, const char *script, long move_timeout_ms)
{
    alex_script_cursor cursor;
    alex_step step;
    alex_step_result result;
    char why[300];
    int status = 0, moving = 0;
    alex_script_begin(&cursor, script);
    while (status == 0 && alex_script_next(&cursor, &step, &result, why, sizeof why)) {
        if (step.kind == ALEX_STEP_QUIT)
            break;
        status = run_step(s, &step, move_timeout_ms, &moving);
    }
    if (status == 0 && moving)
        printf("The script ends with the robot moving: leaving the link stops it "
               "(add 'wait N' to let it go on).\n");
    return status;
}

/* -------------------------------------------------------- interactive --- */

/* Read a line from stdin while keeping the link alive (and hearing what the
 * robot says): 0, 1 at the end of input, or an EXIT_* status (said). */
static int read_line_alive(session *s, char *line, size_t cap)
{
    fflush(stdout);
    for (;;) {
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        int ready = poll(&pfd, 1, until_heartbeat(s));
        if (ready > 0)
            return fgets(line, (int)cap, stdin) ? 0 : 1;
        int st = keep_alive(s, 0, "at the prompt");
        if (st != 0)
            return st;
    }
}

/* A move typed as its key alone: ask for its numbers, as the lab's client
 * did, and read them as the one-line form would be. */
static int ask_params(session *s, alex_step *step)
{
    char line[128], full[160], why[200];
    printf(step->key == 'f' || step->key == 'b'
               ? "Enter distance in cm (0 = until stopped) and power in %%: "
               : "Enter angle in degrees (0 = until stopped) and power in %%: ");
    int st = read_line_alive(s, line, sizeof line);
    if (st != 0)
        return st;
    line[strcspn(line, "\n")] = '\0';
    snprintf(full, sizeof full, "%c %s", step->key, line);
    if (alex_step_parse(full, ALEX_STEP_SCRIPT, step, why, sizeof why) != ALEX_STEP_OK) {
        printf("%s\n", why);
        return -1;
    }
    return 0;
}

static int interactive(session *s)
{
    char line[128], why[200];
    /* unbuffered: poll(2) on stdin must see every line not yet read */
    setvbuf(stdin, NULL, _IONBF, 0);
    for (;;) {
        printf("Command (f=forward, b=reverse, l=turn left, r=turn right, s=stop, "
               "c=clear stats, g=get stats, q=exit)\n");
        int st = read_line_alive(s, line, sizeof line);
        if (st != 0)
            return st == 1 ? 0 : st;
        line[strcspn(line, "\n")] = '\0';
        char word[16];
        if (sscanf(line, "%15s", word) != 1)
            continue; /* an empty line */
        if (strlen(word) != 1 || strchr("fblrscgq", word[0]) == NULL) {
            printf("Bad command: '%s' is not one of f, b, l, r, s, c, g, q\n", word);
            continue;
        }
        alex_step step;
        if (alex_step_parse(line, ALEX_STEP_PARAMS_LATER, &step, why, sizeof why) !=
            ALEX_STEP_OK) {
            printf("Bad command: %s\n", why);
            continue;
        }
        if (step.kind == ALEX_STEP_QUIT)
            return 0;
        if (alex_step_is_move(step.key) && !step.has_params &&
            (st = ask_params(s, &step)) != 0) {
            if (st < 0)
                continue;
            return st == 1 ? 0 : st;
        }
        st = command_shown(s, step.key, step.p1, step.p2, step.text);
        if (st == EXIT_LINK || st == EXIT_BUSY)
            return st;
    }
}

/* -------------------------------------------------------------- drive --- */

/* Send a command without waiting for its reply (read later, in the loop),
 * so that the keyboard and the heartbeats never wait for the robot. */
static int drive_send(session *s, char key, int power, int *replies_due)
{
    alex_message m;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_COMMAND;
    m.key = key;
    m.p2 = alex_step_is_move(key) ? power : 0; /* distance 0: until stopped */
    static const char keys[] = "fblrs";
    static const char *const names[] = {"forward", "reverse", "left", "right", "stop"};
    printf("  %s\n", names[strchr(keys, key) - keys]);
    fflush(stdout);
    (*replies_due)++;
    return send_message(s, &m, "while driving");
}

/* The robot's replies that have arrived: 0, or an EXIT_* status (said). */
static int drive_replies(session *s, int *replies_due)
{
    alex_message m;
    int got;
    see_status st;
    while ((st = receive(s, &m, 0, &got)) == SEE_OK && got) {
        if (*replies_due > 0)
            (*replies_due)--;
        if (m.kind == ALEX_MSG_ERROR && m.code != ALEX_ERR_OK) {
            if (refused(&m, "a driving command") == EXIT_BUSY)
                return EXIT_BUSY;
        }
    }
    return st != SEE_OK ? link_lost(s, st, "while driving") : 0;
}

#define DRIVE_QUIT (-1)

/* One pass of the keyboard: the characters waiting, each a press, a
 * repeat, space (stop) or q (quit). DRIVE_QUIT, else 0 or an EXIT_*. */
static int drive_keys(session *s, alex_held_key *held, int power, int *replies_due)
{
    char keys[64];
    ssize_t n = read(0, keys, sizeof keys);
    if (n <= 0)
        return DRIVE_QUIT;
    long long t = now_ms();
    for (ssize_t i = 0; i < n; i++) {
        char c = keys[i], cmd = alex_drive_command(c);
        int st = 0;
        if (c == 'q' || c == 'Q' || c == 3 /* ^C */ || c == 4 /* ^D */)
            return DRIVE_QUIT;
        if (c == ' ' && held->key != 0) {
            alex_held_forget(held);
            st = drive_send(s, 's', power, replies_due);
        } else if (cmd != 0 && alex_held_press(held, cmd, t)) {
            st = drive_send(s, cmd, power, replies_due);
        }
        if (st != 0)
            return st;
    }
    return 0;
}

/* --drive: the loop wakes for a key, a heartbeat due, a key's release
 * (alex_drive.h) or every 20 ms to read the robot's replies. */
static int drive_loop(session *s, int power)
{
    alex_held_key held;
    alex_held_init(&held);
    int replies_due = 0, status = 0;
    while (status == 0) {
        long long t = now_ms(), release = alex_held_release_at(&held);
        int wait = until_heartbeat(s);
        if (wait > 20)
            wait = 20;
        if (release >= 0 && release - t < wait)
            wait = release > t ? (int)(release - t) : 0;
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        if (poll(&pfd, 1, wait) > 0 && (status = drive_keys(s, &held, power, &replies_due)) != 0)
            break;
        if (alex_held_released(&held, now_ms()))
            status = drive_send(s, 's', power, &replies_due);
        if (status == 0)
            status = heartbeat_if_due(s, "while driving");
        if (status == 0)
            status = drive_replies(s, &replies_due);
    }
    if (status == DRIVE_QUIT) { /* stop, and hear the robot's last replies */
        status = 0;
        if (held.key != 0)
            status = drive_send(s, 's', power, &replies_due);
        long long end = now_ms() + REPLY_MS;
        while (status == 0 && replies_due > 0 && now_ms() < end)
            if ((status = drive_replies(s, &replies_due)) == 0 && replies_due > 0)
                poll(NULL, 0, 10);
    }
    return status;
}

static int drive(session *s, int power)
{
    struct termios saved, raw;
    if (tcgetattr(0, &saved) != 0) {
        fprintf(stderr, "alex-client: --drive needs a terminal\n");
        return EXIT_USAGE;
    }
    raw = saved;
    /* no line editing, no echo, ^C a key like the others (q or ^C quit,
     * stopping the robot and restoring the terminal) */
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &raw);
    printf("Drive: hold W/A/S/D to move, release to stop; space stops; q quits.\n");
    fflush(stdout);
    int status = drive_loop(s, power);
    tcsetattr(0, TCSANOW, &saved);
    return status;
}

/* --------------------------------------------------------------- main --- */

static const char help[] =
    "usage: alex-client HOST[:PORT] --ca CA --cert CERT --key KEY [--servername NAME]\n"
    "                   [--cmd SCRIPT [--move-timeout S] | --drive [--power N]]\n"
    "  --ca FILE      the CA that must have issued the robot's certificate\n"
    "  --cert FILE    the laptop's certificate, --key FILE its private key\n"
    "  --servername N the name the robot's certificate must carry (default HOST)\n"
    "  --insecure-plaintext  no TLS (for the eavesdropping demo only)\n"
    "  --cmd SCRIPT   steps separated by ';', e.g. \"f 50 75; l 90 60; g; wait 2; s\":\n"
    "                 f/b DISTANCE POWER, l/r ANGLE POWER (waited for until done;\n"
    "                 with a final '&' not waited for), s, c, g, wait SECONDS, q\n"
    "  --move-timeout S  the longest a move is waited for (default 60)\n"
    "  --drive        WASD driving in a raw terminal (--power N, default 60)\n"
    "exit: 0 ok, 1 link failed, 2 usage, 3 command refused, 4 robot busy,\n"
    "      5 a move did not end in time\n";

typedef struct {
    const char *target, *script, *ca, *servername, *cert, *key;
    int driving, plaintext;
    int power, move_timeout_s;
} options;

/* 0, or the exit status of a usage error (said). */
static int parse_options(int argc, char **argv, options *o)
{
    static const struct option long_options[] = {
        {"cmd", required_argument, NULL, 'c'},
        {"drive", no_argument, NULL, 'd'},
        {"power", required_argument, NULL, 'p'},
        {"move-timeout", required_argument, NULL, 'T'},
        {"insecure-plaintext", no_argument, NULL, 'P'},
        {"ca", required_argument, NULL, 'a'},
        {"servername", required_argument, NULL, 'n'},
        {"cert", required_argument, NULL, 'C'},
        {"key", required_argument, NULL, 'K'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->power = 60;
    o->move_timeout_s = 60;
    int opt, bad = 0;
    while (!bad && (opt = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        switch (opt) {
        case 'c': o->script = optarg; break;
        case 'd': o->driving = 1; break;
        case 'p':
            bad = alex_option_int("alex-client", "power", optarg, 1, ALEX_MAX_POWER_PCT,
                                  &o->power);
            break;
        case 'T':
            bad = alex_option_int("alex-client", "move-timeout", optarg, 1, 3600,
                                  &o->move_timeout_s);
            break;
        case 'P': o->plaintext = 1; break;
        case 'a': o->ca = optarg; break;
        case 'n': o->servername = optarg; break;
        case 'C': o->cert = optarg; break;
        case 'K': o->key = optarg; break;
        case 'h': fputs(help, stdout); exit(0);
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (bad)
        return EXIT_USAGE;
    if (optind != argc - 1) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    o->target = argv[optind];
    if (o->script != NULL && o->driving) {
        fprintf(stderr, "alex-client: --cmd or --drive, not both\n");
        return EXIT_USAGE;
    }
    if (!o->plaintext && (o->ca == NULL || o->cert == NULL || o->key == NULL)) {
        fprintf(stderr, "alex-client: --ca, --cert and --key are needed: the robot's CA, "
                        "and this laptop's certificate and key, which the robot requires "
                        "(or, for the eavesdropping demo only, --insecure-plaintext)%s%s%s\n",
                o->ca ? "" : "; no --ca", o->cert ? "" : "; no --cert", o->key ? "" : "; no --key");
        return EXIT_USAGE;
    }
    return 0;
}

/* The link, TLS or not: 0, or EXIT_* (said). */
static int open_session(const options *o, alex_tls_setup *tls, session *s)
{
    memset(s, 0, sizeof *s);
    char host[256], why[400];
    snprintf(host, sizeof host, "%s", o->target);
    char *colon = strrchr(host, ':');
    if (colon != NULL)
        *colon = '\0';
    if (!o->plaintext &&
        alex_tls_client_setup(tls, o->ca, o->servername ? o->servername : host, o->cert,
                              o->key, why, sizeof why) != SEE_OK) {
        fprintf(stderr, "alex-client: %s\n", why);
        return EXIT_USAGE;
    }
    int fd = connect_to(o->target);
    if (fd < 0)
        return EXIT_LINK;
    if (o->plaintext) {
        fprintf(stderr, "alex-client: WARNING: --insecure-plaintext: commands travel in "
                        "the clear;\nalex-client: anyone on the network can read them and "
                        "drive the robot.\n");
        alex_link_plain(&s->link, fd, o->target);
    } else if (alex_link_tls_connect(&s->link, fd, &tls->cfg, HANDSHAKE_READ_MS, why,
                                     sizeof why) != SEE_OK) {
        fprintf(stderr, "alex-client: %s\n", why);
        return EXIT_LINK;
    }
    alex_message_reader_init(&s->reader);
    s->last_sent_ms = now_ms();
    return 0;
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    options o;
    int status = parse_options(argc, argv, &o);
    if (status != 0)
        return status;
    char why[300];
    if (o.script != NULL) {
        /* the whole script before any of it runs */
        alex_step_result r = alex_script_check(o.script, why, sizeof why);
        if (r != ALEX_STEP_OK) {
            fprintf(stderr, "alex-client: %s\n", why);
            return r == ALEX_STEP_OUT_OF_RANGE ? EXIT_REFUSED : EXIT_USAGE;
        }
    }
    alex_tls_setup tls;
    memset(&tls, 0, sizeof tls);
    session s;
    status = open_session(&o, &tls, &s);
    if (status == 0) {
        status = o.script ? run_script(&s, o.script, o.move_timeout_s * 1000L)
               : o.driving ? drive(&s, o.power)
               : interactive(&s);
        s.link.close(s.link.ctx);
    }
    alex_tls_setup_free(&tls);
    return status;
}
