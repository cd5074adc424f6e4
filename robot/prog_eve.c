/*
 * eve: a man in the middle on loopback, to show each threat of the slides
 * on the real robot link: what it does to a plaintext link, and what
 * stops it on TLS.
 *
 *   eve MODE --listen PORT --target HOST:PORT [--count N]
 *   eve mitm --cert CERT --key KEY --listen PORT --target HOST:PORT
 *
 * Eve accepts the laptop's connection, connects to the robot herself, and
 * passes bytes between them, looking at and meddling with what she can:
 *
 *   sniff      print everything: on a plaintext link the commands and the
 *              robot's answers; on TLS the record headers, the handshake
 *              messages and alerts sent in the clear, and ciphertext
 *   replay     plaintext: send the laptop's first move to the robot twice,
 *              and keep the robot's answer to the copy from the laptop;
 *              TLS: send the laptop's first protected record a second
 *              time (the robot must refuse it: its sequence number is used
 *              up)
 *   tamper     plaintext: turn the laptop's first move into its opposite
 *              (forward into reverse, left into right); TLS: flip one bit
 *              of the laptop's first protected record (the MAC check
 *              fails, the link is closed, the robot stops)
 *   downgrade  strip every cipher suite but TLS_RSA_WITH_AES_128_CBC_SHA256
 *              (no forward secrecy) from the ClientHello: the two sides no
 *              longer hold the same transcript, and the first check over
 *              it fails (docs/robot.md: which one, and why)
 *   mitm       answer the laptop herself, with her own certificate (CERT,
 *              KEY), hoping to read its commands and pass them on: the
 *              laptop checks the certificate against the lab's CA, refuses
 *              it, and never sends a command
 *
 * She prints what she saw and what she did; whether it worked is for the
 * robot's events file to say. --listen 0 picks a free port, named in the
 * first line. --count N serves N laptops, then exits (default 1).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/fdio.h"
#include "crypto/bignum.h"
#include "core/bytes.h"
#include "core/util.h"
#include "codec/hex.h"
#include "handshake/alert.h"
#include "handshake/messages.h"
#include "handshake/record.h"
#include "handshake/tls.h"
#include "handshake/transport.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"
#include "robot/alex_tls_config.h"

typedef enum { SNIFF, REPLAY, TAMPER, DOWNGRADE, MITM } eve_mode;

static const char *const mode_names[] = {"sniff", "replay", "tamper", "downgrade", "mitm"};

/* What Eve has done to one laptop's connection. On the plaintext link the
 * robot answers every message but a HEARTBEAT with exactly one ERROR (OK
 * or a refusal) or STATUS, in order (robot/alex_server.c): counting them
 * tells her which answer is to her copy. */
typedef struct {
    int meddled;        /* she changed, added or held back something */
    int requests;       /* messages passed to the robot that it answers */
    int answers;        /* answers passed back from the robot */
    int copy_answer;    /* the number (from 0) of the answer to her copy,
                           or -1 */
} conversation;

/* One direction of the conversation, cut into records (TLS) or messages
 * (plaintext) as the bytes arrive. */
typedef struct {
    const char *name;      /* "laptop -> robot" */
    int from_laptop;
    int from, to;
    conversation *conv;
    uint8_t buf[20000];    /* a TLS record is at most 5 + 2^14 + 2048 */
    size_t have;
    int is_tls;            /* decided on the first bytes */
    int decided;
    int encrypted;         /* TLS: this side sent ChangeCipherSpec */
    int encrypted_handshakes; /* handshake records since */
    size_t message_rest;   /* TLS: bytes of a handshake message still to
                              come in the next records */
    int app_records;       /* application_data records seen */
    int handshakes;        /* handshake records seen */
} direction;

static eve_mode mode;
static int meddled_any;    /* on any connection */

static const char *content_type_name(uint8_t t)
{
    switch (t) {
    case TLS_CONTENT_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
    case TLS_CONTENT_ALERT: return "alert";
    case TLS_CONTENT_HANDSHAKE: return "handshake";
    case TLS_CONTENT_APPLICATION_DATA: return "application_data";
    default: return "unknown";
    }
}

static void show_bytes(const uint8_t *p, size_t len)
{
    char hex[2 * 24 + 1];
    size_t n = len < 24 ? len : 24;
    see_hex_encode(p, n, hex);
    printf("%s%s", hex, len > n ? "..." : "");
}

/* Add text to the NUL-terminated note (cap bytes), cutting it if full. */
static void note_add(char *note, size_t cap, const char *text)
{
    size_t used = strlen(note);
    if (used + 1 < cap)
        snprintf(note + used, cap - used, "%s", text);
}

/* --------------------------------------------------------------- TLS --- */

/* The handshake messages in a record sent in the clear: "ClientHello", or
 * "Certificate + ServerHelloDone". RFC 5246 6.2.1: a message may span
 * records, so what is left of one is counted into the next. */
static void name_handshake_messages(direction *d, const uint8_t *p, size_t len,
                                    char *note, size_t cap)
{
    size_t at = 0;
    if (d->message_rest > 0) {
        at = d->message_rest < len ? d->message_rest : len;
        d->message_rest -= at;
        note_add(note, cap, "the rest of the message before");
    }
    while (at < len) {
        reader r;
        uint8_t type;
        uint32_t body_len;
        reader_init(&r, p + at, len - at);
        if (note[0] != '\0')
            note_add(note, cap, " + ");
        if (reader_u8(&r, &type) != SEE_OK || reader_u24(&r, &body_len) != SEE_OK) {
            note_add(note, cap, "a message header cut by the record's end");
            return;
        }
        note_add(note, cap, hs_type_name(type));
        size_t whole = 4 + (size_t)body_len;
        if (whole > len - at) {
            d->message_rest = whole - (len - at);
            note_add(note, cap, " (continued in the next record)");
            return;
        }
        at += whole;
    }
}

/* An alert in the clear: its level and description by name. */
static void name_alert(const uint8_t *p, size_t len, char *note, size_t cap)
{
    alert_msg a;
    if (alert_decode(p, len, &a) != SEE_OK) {
        snprintf(note, cap, "a malformed alert");
        return;
    }
    snprintf(note, cap, "alert: %s %s, in the clear",
             a.level == ALERT_FATAL ? "fatal" : "warning", alert_name(a.description));
}

/* What Eve can tell of one record from its content. After a side's
 * ChangeCipherSpec every record it sends is encrypted, alerts and the
 * Finished included (RFC 5246 7.1, 7.2): she sees only their type and
 * length. */
static void describe_record(direction *d, uint8_t type, const uint8_t *p, size_t len,
                            char *note, size_t cap)
{
    const char *who = d->from_laptop ? "the laptop" : "the robot";
    note[0] = '\0';
    switch (type) {
    case TLS_CONTENT_CHANGE_CIPHER_SPEC:
        snprintf(note, cap, "from here on %s encrypts", who);
        break;
    case TLS_CONTENT_ALERT:
        if (d->encrypted)
            snprintf(note, cap, "encrypted: Eve cannot read which alert");
        else
            name_alert(p, len, note, cap);
        break;
    case TLS_CONTENT_HANDSHAKE:
        /* the first after ChangeCipherSpec is the Finished (7.4.9) */
        if (d->encrypted)
            snprintf(note, cap, "%s, encrypted",
                     ++d->encrypted_handshakes == 1 ? "Finished" : "handshake message");
        else
            name_handshake_messages(d, p, len, note, cap);
        break;
    case TLS_CONTENT_APPLICATION_DATA:
        snprintf(note, cap, "ciphertext: unreadable");
        break;
    default:
        snprintf(note, cap, "not a TLS record type");
        break;
    }
}

/* The suite Eve leaves in a ClientHello: RSA key exchange if offered (a
 * stolen server key later opens the recording: no forward secrecy), else
 * the last one. */
static const uint8_t *weakest_suite(const reader *suites)
{
    const uint8_t *last = suites->data + suites->len - 2;
    for (size_t i = 0; i + 1 < suites->len; i += 2)
        if ((suites->data[i] << 8 | suites->data[i + 1]) == TLS_RSA_WITH_AES_128_CBC_SHA256)
            return suites->data + i;
    return last;
}

/* RFC 5246 7.4.1.2: rewrite a ClientHello record into out so that it
 * offers one cipher suite (weakest_suite); every other byte passes
 * unchanged. Returns the new record's length, or 0 if the record is not a
 * whole ClientHello Eve can parse, or it offers one suite only. */
static size_t downgrade_client_hello(const uint8_t *rec, size_t len, uint8_t *out, size_t cap)
{
    reader r, body, suites, sid;
    uint8_t type, message_type;
    uint16_t version;
    uint32_t hs_len;
    const uint8_t *start, *rest;
    reader_init(&r, rec, len);
    if (reader_u8(&r, &type) != SEE_OK || type != TLS_CONTENT_HANDSHAKE ||
        reader_u16(&r, &version) != SEE_OK || reader_vector(&r, 2, &body) != SEE_OK ||
        reader_u8(&body, &message_type) != SEE_OK || message_type != HS_CLIENT_HELLO ||
        reader_u24(&body, &hs_len) != SEE_OK || hs_len != reader_remaining(&body) ||
        reader_bytes(&body, 2 + 32, &start) != SEE_OK)
        return 0;
    if (reader_vector(&body, 1, &sid) != SEE_OK || reader_vector(&body, 2, &suites) != SEE_OK)
        return 0;
    size_t nsuites = reader_remaining(&suites) / 2;
    if (nsuites < 2)
        return 0;
    const uint8_t *kept = weakest_suite(&suites);
    size_t rest_len = reader_remaining(&body);
    if (reader_bytes(&body, rest_len, &rest) != SEE_OK)
        return 0;

    writer w;
    size_t rec_mark, hs_mark, suites_mark;
    writer_init(&w, out, cap);
    if (writer_u8(&w, TLS_CONTENT_HANDSHAKE) || writer_u16(&w, version) ||
        writer_open_length(&w, 2, &rec_mark) || writer_u8(&w, HS_CLIENT_HELLO) ||
        writer_open_length(&w, 3, &hs_mark) || writer_bytes(&w, start, 2 + 32) ||
        writer_u8(&w, (uint8_t)sid.len) || writer_bytes(&w, sid.data, sid.len) ||
        writer_open_length(&w, 2, &suites_mark) || writer_bytes(&w, kept, 2) ||
        writer_close_length(&w, 2, suites_mark) || writer_bytes(&w, rest, rest_len) ||
        writer_close_length(&w, 3, hs_mark) || writer_close_length(&w, 2, rec_mark))
        return 0;
    uint16_t suite = (uint16_t)(kept[0] << 8 | kept[1]);
    printf("  EVE: downgrade: ClientHello offered %zu cipher suites; forwarding only "
           "one, %s (%04x)\n", nsuites, tls_suite_name(suite), suite);
    return w.len;
}

/* Forward one TLS record, meddling as the mode says. */
static int pass_record(direction *d, uint8_t *rec, size_t len)
{
    uint8_t type = rec[0];
    char note[200];
    describe_record(d, type, rec + 5, len - 5, note, sizeof note);
    printf("%s: TLS record %-18s %4zu bytes: ", d->name, content_type_name(type), len - 5);
    show_bytes(rec + 5, len - 5);
    printf("   (%s)\n", note);
    if (type == TLS_CONTENT_CHANGE_CIPHER_SPEC)
        d->encrypted = 1;
    if (type == TLS_CONTENT_HANDSHAKE)
        d->handshakes++;

    if (d->from_laptop && mode == DOWNGRADE && type == TLS_CONTENT_HANDSHAKE &&
        d->handshakes == 1) {
        static uint8_t out[20000];
        size_t n = downgrade_client_hello(rec, len, out, sizeof out);
        if (n > 0) {
            d->conv->meddled = 1;
            return fd_write_all(d->to, out, n);
        }
    }
    if (d->from_laptop && type == TLS_CONTENT_APPLICATION_DATA && ++d->app_records == 1) {
        if (mode == TAMPER) {
            rec[len - 1] ^= 0x01;
            d->conv->meddled = 1;
            printf("  EVE: tamper: flipped the last bit of this record before passing it on\n");
        }
        if (mode == REPLAY) {
            if (fd_write_all(d->to, rec, len) != 0)
                return -1;
            d->conv->meddled = 1;
            printf("  EVE: replay: sending the same record to the robot a second time\n");
        }
    }
    return fd_write_all(d->to, rec, len);
}

/* --------------------------------------------------------- plaintext --- */

static const char *error_code_name(uint8_t code)
{
    switch (code) {
    case ALEX_ERR_OK: return "OK";
    case ALEX_ERR_BAD_PACKET: return "bad packet";
    case ALEX_ERR_BAD_CHECKSUM: return "bad checksum";
    case ALEX_ERR_BAD_COMMAND: return "bad command";
    case ALEX_ERR_BAD_RESPONSE: return "bad response";
    case ALEX_ERR_BUSY: return "busy";
    case ALEX_ERR_BAD_PARAM: return "bad parameter";
    case ALEX_ERR_ROBOT: return "robot error";
    default: return "unknown code";
    }
}

/* Print a plaintext robot message: everything is there to read. */
static void show_plain_message(const direction *d, const alex_message *m)
{
    printf("%s: PLAINTEXT ", d->name);
    switch (m->kind) {
    case ALEX_MSG_COMMAND:
        printf("COMMAND '%c' %d %d   (Eve can read it, and could forge it)\n", m->key, m->p1,
               m->p2);
        break;
    case ALEX_MSG_HEARTBEAT:
        printf("HEARTBEAT\n");
        break;
    case ALEX_MSG_STATUS:
        printf("STATUS (ticks %u %u ...)\n", m->params[0], m->params[1]);
        break;
    case ALEX_MSG_ERROR:
        /* the lab's {ERROR, RESP_OK}: an ERROR with code OK is "command
         * accepted", no error at all */
        if (m->code == ALEX_ERR_OK)
            printf("OK\n");
        else
            printf("ERROR %s (code %u): %s\n", error_code_name(m->code), m->code, m->text);
        break;
    default:
        printf("MESSAGE %s\n", m->text);
        break;
    }
}

/* f <-> b, l <-> r: the move Eve turns a command into; 0 for the keys
 * that do not move the robot. */
static char opposite_move(char key)
{
    switch (key) {
    case 'f': return 'b';
    case 'b': return 'f';
    case 'l': return 'r';
    case 'r': return 'l';
    default: return 0;
    }
}

/* tamper on the plaintext link: the laptop's move becomes its opposite.
 * Nothing on the link (no MAC) can tell the robot it was changed. */
static int tamper_plain(direction *d, const alex_message *m)
{
    alex_message changed = *m;
    changed.key = opposite_move(m->key);
    uint8_t wire[ALEX_MSG_MAX_WIRE];
    size_t len;
    if (alex_message_encode(&changed, wire, sizeof wire, &len) != SEE_OK)
        return -1;
    d->conv->meddled = 1;
    d->conv->requests++;
    printf("  EVE: tamper: passing on COMMAND '%c' %d %d instead   (no MAC: the robot "
           "cannot tell)\n", changed.key, changed.p1, changed.p2);
    return fd_write_all(d->to, wire, len);
}

/* replay on the plaintext link: the laptop's move goes to the robot twice.
 * Nothing (no sequence number) tells the robot the second is a copy. */
static int replay_plain(direction *d, const uint8_t *msg, size_t len)
{
    conversation *c = d->conv;
    if (fd_write_all(d->to, msg, len) != 0 || fd_write_all(d->to, msg, len) != 0)
        return -1;
    c->meddled = 1;
    c->copy_answer = c->requests + 1;
    c->requests += 2;
    printf("  EVE: replay: sending the same command to the robot a second time   (no "
           "sequence number: the robot cannot tell)\n");
    return 0;
}

/* Show one plaintext message and pass it on, meddling as the mode says. */
static int pass_plain_message(direction *d, const uint8_t *msg, size_t len)
{
    conversation *c = d->conv;
    alex_message m;
    if (alex_message_decode(msg, len, &m) != SEE_OK) {
        printf("%s: %zu bytes: ", d->name, len);
        show_bytes(msg, len);
        printf("\n");
        return fd_write_all(d->to, msg, len);
    }
    show_plain_message(d, &m);
    if (d->from_laptop) {
        int first_move = m.kind == ALEX_MSG_COMMAND && opposite_move(m.key) && !c->meddled;
        if (first_move && mode == TAMPER)
            return tamper_plain(d, &m);
        if (first_move && mode == REPLAY)
            return replay_plain(d, msg, len);
        if (m.kind != ALEX_MSG_HEARTBEAT)
            c->requests++;
    } else if (m.kind == ALEX_MSG_ERROR || m.kind == ALEX_MSG_STATUS) {
        if (c->answers++ == c->copy_answer) {
            printf("  EVE: replay: keeping this answer, to my copy, from the laptop: it "
                   "saw one command and one answer\n");
            return 0;
        }
    }
    return fd_write_all(d->to, msg, len);
}

/* ------------------------------------------------------------ relay --- */

/* Cut what has arrived into whole records or messages and pass them on. */
static int process(direction *d)
{
    if (!d->decided && d->have >= 3) {
        /* A TLS record starts with a content type 20-23 and major version 3. */
        d->is_tls = d->buf[0] >= 20 && d->buf[0] <= 23 && d->buf[1] == 3;
        d->decided = 1;
    }
    while (d->decided) {
        size_t header = d->is_tls ? 5 : 2;
        if (d->have < header)
            return 0;
        size_t body = d->is_tls ? ((size_t)d->buf[3] << 8 | d->buf[4])
                                : ((size_t)d->buf[0] << 8 | d->buf[1]);
        if (header + body > sizeof d->buf) /* not what she expected: just pass */
            return fd_write_all(d->to, d->buf, d->have) == 0 ? (d->have = 0, 0) : -1;
        if (d->have < header + body)
            return 0;
        int st = d->is_tls ? pass_record(d, d->buf, header + body)
                           : pass_plain_message(d, d->buf, header + body);
        if (st != 0)
            return -1;
        memmove(d->buf, d->buf + header + body, d->have - header - body);
        d->have -= header + body;
    }
    return 0;
}

static void relay(int laptop, int robot)
{
    conversation conv = {.copy_answer = -1};
    direction up = {.name = "laptop -> robot", .from_laptop = 1, .from = laptop, .to = robot,
                    .conv = &conv};
    direction down = {.name = "robot -> laptop", .from = robot, .to = laptop, .conv = &conv};
    direction *dirs[2] = {&up, &down};
    for (;;) {
        struct pollfd pfd[2] = {{.fd = laptop, .events = POLLIN}, {.fd = robot, .events = POLLIN}};
        if (poll(pfd, 2, -1) < 0 && errno != EINTR)
            break;
        int closed = 0;
        for (int i = 0; i < 2 && !closed; i++) {
            if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            direction *d = dirs[i];
            ssize_t n = recv(d->from, d->buf + d->have, sizeof d->buf - d->have, 0);
            if (n <= 0) {
                printf("%s: connection closed\n", d->name);
                closed = 1;
            } else {
                d->have += (size_t)n;
                closed = process(d) != 0;
            }
        }
        if (closed)
            break;
    }
    meddled_any |= conv.meddled;
}

/* mitm: the TLS handshake with the laptop, as if Eve were the robot. */
static void impersonate(int laptop, const alex_tls_setup *eve_tls)
{
    alex_link link;
    char why[300];
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, 5000);
    printf("eve: answering the laptop myself, with my own certificate\n");
    if (alex_link_tls_accept(&link, laptop, "laptop", &eve_tls->cfg, &limits, why, sizeof why) != 0) {
        printf("  EVE: mitm: the laptop refused me: %s\n", why);
        return;
    }
    /* Had the laptop trusted her, its commands would be hers to read. */
    uint8_t buf[256];
    size_t got;
    int n = link.read(link.ctx, buf, sizeof buf, 2000, &got) == SEE_OK ? (int)got : -1;
    printf("  EVE: mitm: the laptop TRUSTED me and sent %d bytes\n", n);
    link.close(link.ctx);
}

static const char help[] =
    "usage: eve sniff|replay|tamper|downgrade --listen PORT --target HOST:PORT [--count N]\n"
    "       eve mitm --cert CERT --key KEY --listen PORT --target HOST:PORT\n"
    "A man in the middle between alex-client and alex-server, on loopback\n"
    "(--listen 0 picks a free port and names it).\n";

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"listen", required_argument, NULL, 'l'},
        {"target", required_argument, NULL, 't'},
        {"count", required_argument, NULL, 'c'},
        {"cert", required_argument, NULL, 'C'},
        {"key", required_argument, NULL, 'K'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *listen_port = NULL, *target = NULL, *cert = NULL, *key = NULL;
    int count = 1, opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'l': listen_port = optarg; break;
        case 't': target = optarg; break;
        case 'c': count = atoi(optarg); break;
        case 'C': cert = optarg; break;
        case 'K': key = optarg; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    int m = -1;
    for (int i = 0; optind < argc && i < 5; i++)
        if (strcmp(argv[optind], mode_names[i]) == 0)
            m = i;
    if (m < 0 || listen_port == NULL || target == NULL || strchr(target, ':') == NULL ||
        count < 1 || (m == MITM && (cert == NULL || key == NULL))) {
        fputs(help, stderr);
        return 2;
    }
    mode = (eve_mode)m;
    setvbuf(stdout, NULL, _IOLBF, 0);

    char host[256];
    snprintf(host, sizeof host, "%s", target);
    char *colon = strrchr(host, ':');
    *colon = '\0';
    int listen_fd;
    unsigned port;
    if (transport_tcp_listen(listen_port, &listen_fd, &port) != SEE_OK) {
        fprintf(stderr, "eve: cannot listen on port %s\n", listen_port);
        return 1;
    }
    printf("eve (%s): listening on port %u, forwarding to %s\n", mode_names[m], port, target);
    /* mitm: Eve's own certificate and key; she does not ask the laptop
     * for one (the robot would, but she is not the robot). */
    alex_tls_setup eve_tls;
    memset(&eve_tls, 0, sizeof eve_tls);
    if (mode == MITM) {
        char why[300];
        if (alex_tls_server_setup(&eve_tls, cert, key, NULL, why, sizeof why) != 0) {
            fprintf(stderr, "eve: %s\n", why);
            return 1;
        }
    }
    for (int served = 0; served < count; served++) {
        int laptop, robot;
        if (transport_tcp_accept(listen_fd, -1, &laptop) != SEE_OK)
            return 1;
        if (mode == MITM) {
            impersonate(laptop, &eve_tls);
            meddled_any = 1;
            continue;
        }
        if (transport_tcp_connect(host, colon + 1, 3000, &robot) != SEE_OK) {
            fprintf(stderr, "eve: cannot reach %s\n", target);
            close(laptop);
            return 1;
        }
        printf("eve: the laptop connected; relaying to the robot\n");
        relay(laptop, robot);
        close(laptop);
        close(robot);
    }
    if (mode != SNIFF && !meddled_any)
        printf("eve: found nothing to %s\n", mode_names[m]);
    close(listen_fd);
    alex_tls_setup_free(&eve_tls);
    return 0;
}
