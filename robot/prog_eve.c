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
        record_message_header h;
        if (note[0] != '\0')
            note_add(note, cap, " + ");
        if (record_message_header_decode(p + at, len - at, &h) != SEE_OK) {
            note_add(note, cap, "a message header cut by the record's end");
            return;
        }
        note_add(note, cap, hs_type_name(h.msg_type));
        size_t whole = TLS_HANDSHAKE_HEADER_SIZE + (size_t)h.length;
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
static uint16_t weakest_suite(const client_hello *ch)
{
    if (client_hello_offers_suite(ch, TLS_RSA_WITH_AES_128_CBC_SHA256))
        return TLS_RSA_WITH_AES_128_CBC_SHA256;
    reader r;
    uint16_t suite = 0;
    reader_init(&r, ch->cipher_suites, ch->cipher_suites_len);
    while (reader_u16(&r, &suite) == SEE_OK)
        ;
    return suite;
}

/* RFC 5246 7.4.1.2: rewrite a ClientHello record into out so that it
 * offers one cipher suite (weakest_suite); every other byte passes
 * unchanged. The record and the message are read by handshake/'s decoders
 * (record_header_decode, hs_message_split, client_hello_decode) and
 * written by its encoders (hs_begin, record_protect with no protection,
 * as before the first ChangeCipherSpec). Returns the new record's length,
 * or 0 if the record is not a whole ClientHello Eve can parse, or it
 * offers one suite only. */
static size_t downgrade_client_hello(const record_header *h, const uint8_t *rec, size_t len,
                                     uint8_t *out, size_t cap)
{
    const uint8_t *msg = rec + TLS_RECORD_HEADER_SIZE;
    uint8_t type;
    reader body;
    client_hello ch;
    if (h->type != TLS_CONTENT_HANDSHAKE || len != TLS_RECORD_HEADER_SIZE + (size_t)h->length ||
        hs_message_split(msg, h->length, &type, &body) != SEE_OK || type != HS_CLIENT_HELLO)
        return 0;
    const uint8_t *hello = msg + TLS_HANDSHAKE_HEADER_SIZE; /* the body */
    size_t hello_len = reader_remaining(&body);
    if (client_hello_decode(&body, &ch) != SEE_OK)
        return 0;
    size_t nsuites = ch.cipher_suites_len / 2;
    if (nsuites < 2)
        return 0;
    uint16_t kept = weakest_suite(&ch);
    /* The hello around its cipher_suites: what comes before their 2-byte
     * length, and what follows them. */
    size_t before = (size_t)(ch.cipher_suites - hello) - 2;
    const uint8_t *after = ch.cipher_suites + ch.cipher_suites_len;
    size_t after_len = hello_len - (size_t)(after - hello);

    static uint8_t message[TLS_MAX_PLAINTEXT];
    writer w;
    size_t mark, suites_mark, out_len;
    record_cipher clear;
    record_cipher_init_null(&clear);
    writer_init(&w, message, sizeof message);
    if (hs_begin(&w, HS_CLIENT_HELLO, &mark) || writer_bytes(&w, hello, before) ||
        writer_open_length(&w, 2, &suites_mark) || writer_u16(&w, kept) ||
        writer_close_length(&w, 2, suites_mark) || writer_bytes(&w, after, after_len) ||
        hs_end(&w, mark) ||
        record_protect(&clear, NULL, TLS_CONTENT_HANDSHAKE, h->version, message, w.len, out,
                       cap, &out_len))
        return 0;
    printf("  EVE: downgrade: ClientHello offered %zu cipher suites; forwarding only "
           "one, %s (%04x)\n", nsuites, tls_suite_name(kept), kept);
    return out_len;
}

/* Forward one TLS record (its header h, then the fragment), meddling as
 * the mode says. */
static int pass_record(direction *d, const record_header *h, uint8_t *rec, size_t len)
{
    uint8_t type = h->type;
    const uint8_t *fragment = rec + TLS_RECORD_HEADER_SIZE;
    char note[200];
    describe_record(d, type, fragment, h->length, note, sizeof note);
    printf("%s: TLS record %-18s %4u bytes: ", d->name, record_type_name(type),
           (unsigned)h->length);
    show_bytes(fragment, h->length);
    printf("   (%s)\n", note);
    if (type == TLS_CONTENT_CHANGE_CIPHER_SPEC)
        d->encrypted = 1;
    if (type == TLS_CONTENT_HANDSHAKE)
        d->handshakes++;

    if (d->from_laptop && mode == DOWNGRADE && type == TLS_CONTENT_HANDSHAKE &&
        d->handshakes == 1) {
        static uint8_t out[20000];
        size_t n = downgrade_client_hello(h, rec, len, out, sizeof out);
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

/* The length of the next record or robot message at the start of d->buf,
 * and of its header; 0 while the header has not all arrived. A record's
 * header is read by record_header_decode even when it is refused (an
 * unknown type: Eve shows it and passes it on); a robot message is
 * u16 length | kind | body (alex_message.h). */
static int next_unit(const direction *d, record_header *h, size_t *header, size_t *body)
{
    reader r;
    uint16_t length;
    if (d->is_tls) {
        *header = TLS_RECORD_HEADER_SIZE;
        if (record_header_decode(d->buf, d->have, h) == SEE_ERR_TRUNCATED)
            return 0;
        *body = h->length;
        return 1;
    }
    *header = 2;
    reader_init(&r, d->buf, d->have);
    if (reader_u16(&r, &length) != SEE_OK)
        return 0;
    *body = length;
    return 1;
}

/* Cut what has arrived into whole records or messages and pass them on. */
static int process(direction *d)
{
    if (!d->decided && d->have >= 2) {
        /* A robot message starts with its length, below 2^8: 00 xx. */
        d->is_tls = record_looks_like_tls(d->buf, d->have);
        d->decided = 1;
    }
    while (d->decided) {
        record_header h;
        size_t header, body;
        if (!next_unit(d, &h, &header, &body))
            return 0;
        if (header + body > sizeof d->buf) /* not what she expected: just pass */
            return fd_write_all(d->to, d->buf, d->have) == 0 ? (d->have = 0, 0) : -1;
        if (d->have < header + body)
            return 0;
        int st = d->is_tls ? pass_record(d, &h, d->buf, header + body)
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
