/*
 * eve: a man in the middle on loopback, to show each threat of the slides
 * on the real robot link, and what stops it.
 *
 *   eve MODE --listen PORT --target HOST:PORT [--count N]
 *   eve mitm --cert CERT --key KEY --listen PORT --target HOST:PORT
 *
 * Eve accepts the laptop's connection, connects to the robot herself, and
 * passes bytes between them, looking at and meddling with what she can:
 *
 *   sniff      print everything: on a plaintext link the commands, on TLS
 *              only record headers and ciphertext
 *   replay     send the laptop's first protected command record a second
 *              time: the robot must refuse it (its sequence number is
 *              used up) and must not move again
 *   tamper     flip one bit of the laptop's first protected record: the MAC
 *              check fails, the link is closed, the robot stops
 *   downgrade  strip all but the weakest cipher suite from the ClientHello:
 *              the Finished messages, a MAC over the whole handshake, no
 *              longer match, and no command is accepted
 *   mitm       answer the laptop herself, with her own certificate (CERT,
 *              KEY), hoping to read its commands and pass them on: the
 *              laptop checks the certificate against the lab's CA, refuses
 *              it, and never sends a command
 *
 * She prints what she saw and what she did; whether it worked is for the
 * robot's events file to say. --count N serves N laptops, then exits
 * (default 1).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "crypto/bytes.h"
#include "crypto/util.h"
#include "handshake/transport.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"
#include "robot/alex_tls_config.h"

typedef enum { SNIFF, REPLAY, TAMPER, DOWNGRADE, MITM } eve_mode;

/* One direction of the conversation, cut into records (TLS) or messages
 * (plaintext) as the bytes arrive. */
typedef struct {
    const char *name;      /* "laptop -> robot" */
    int from, to;
    uint8_t buf[20000];
    size_t have;
    int is_tls;            /* decided on the first bytes */
    int decided;
    int app_records;       /* application_data records seen */
    int handshakes;        /* handshake records seen */
} direction;

static eve_mode mode;
static int did_meddle;

static const char *content_type_name(uint8_t t)
{
    switch (t) {
    case 20: return "change_cipher_spec";
    case 21: return "alert";
    case 22: return "handshake";
    case 23: return "application_data";
    default: return "unknown";
    }
}

static int send_all(int fd, const uint8_t *p, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void show_bytes(const uint8_t *p, size_t len)
{
    char hex[2 * 24 + 1];
    size_t n = len < 24 ? len : 24;
    see_hex_encode(p, n, hex);
    printf("%s%s", hex, len > n ? "..." : "");
}

/* RFC 5246 7.4.1.2: rewrite a ClientHello record in place so that it
 * offers only its last cipher suite. Returns the new record length, or 0
 * if the record is not a ClientHello Eve can parse. */
static size_t downgrade_client_hello(uint8_t *rec, size_t len, uint8_t *out, size_t cap)
{
    reader r, body, suites;
    uint8_t type, message_type;
    uint16_t version;
    uint32_t hs_len;
    const uint8_t *start, *rest;
    reader_init(&r, rec, len);
    if (reader_u8(&r, &type) != SEE_OK || type != 22 || reader_u16(&r, &version) != SEE_OK ||
        reader_vector(&r, 2, &body) != SEE_OK || reader_u8(&body, &message_type) != SEE_OK ||
        message_type != 1 || reader_u24(&body, &hs_len) != SEE_OK ||
        reader_bytes(&body, 2 + 32, &start) != SEE_OK)
        return 0;
    reader sid;
    if (reader_vector(&body, 1, &sid) != SEE_OK || reader_vector(&body, 2, &suites) != SEE_OK)
        return 0;
    size_t nsuites = reader_remaining(&suites) / 2;
    if (nsuites < 2)
        return 0;
    const uint8_t *last = suites.data + suites.len - 2;
    size_t rest_len = reader_remaining(&body);
    if (reader_bytes(&body, rest_len, &rest) != SEE_OK)
        return 0;

    writer w;
    size_t rec_mark, hs_mark, suites_mark;
    writer_init(&w, out, cap);
    if (writer_u8(&w, 22) || writer_u16(&w, version) || writer_open_length(&w, 2, &rec_mark) ||
        writer_u8(&w, 1) || writer_open_length(&w, 3, &hs_mark) ||
        writer_bytes(&w, start, 2 + 32) || writer_u8(&w, (uint8_t)sid.len) ||
        writer_bytes(&w, sid.data, sid.len) || writer_open_length(&w, 2, &suites_mark) ||
        writer_bytes(&w, last, 2) || writer_close_length(&w, 2, suites_mark) ||
        writer_bytes(&w, rest, rest_len) || writer_close_length(&w, 3, hs_mark) ||
        writer_close_length(&w, 2, rec_mark))
        return 0;
    printf("  EVE: downgrade: ClientHello offered %zu cipher suites; forwarding only "
           "the last one (%02x%02x)\n", nsuites, last[0], last[1]);
    return w.len;
}

/* Forward one TLS record, meddling as the mode says. */
static int pass_record(direction *d, uint8_t *rec, size_t len)
{
    uint8_t type = rec[0];
    printf("%s: TLS record %-18s %4zu bytes: ", d->name, content_type_name(type), len - 5);
    show_bytes(rec + 5, len - 5);
    printf("%s\n", type == 23 ? "   (ciphertext: unreadable)" : "");

    int from_laptop = strncmp(d->name, "laptop", 6) == 0;
    if (type == 22)
        d->handshakes++;
    if (from_laptop && mode == DOWNGRADE && type == 22 && d->handshakes == 1) {
        static uint8_t out[20000];
        size_t n = downgrade_client_hello(rec, len, out, sizeof out);
        if (n > 0) {
            did_meddle = 1;
            return send_all(d->to, out, n);
        }
    }
    if (from_laptop && type == 23 && ++d->app_records == 1) {
        if (mode == TAMPER) {
            rec[len - 1] ^= 0x01;
            did_meddle = 1;
            printf("  EVE: tamper: flipped the last bit of this record before passing it on\n");
        }
        if (mode == REPLAY) {
            if (send_all(d->to, rec, len) != 0)
                return -1;
            did_meddle = 1;
            printf("  EVE: replay: sending the same record to the robot a second time\n");
        }
    }
    return send_all(d->to, rec, len);
}

/* Print a plaintext robot message: everything is there to read. */
static void show_plain_message(direction *d, const uint8_t *p, size_t len)
{
    alex_message m;
    if (alex_message_decode(p, len, &m) != SEE_OK) {
        printf("%s: %zu bytes: ", d->name, len);
        show_bytes(p, len);
        printf("\n");
        return;
    }
    printf("%s: PLAINTEXT ", d->name);
    switch (m.kind) {
    case ALEX_MSG_COMMAND:
        printf("COMMAND '%c' %d %d   (Eve can read it, and could forge it)\n", m.key, m.p1, m.p2);
        break;
    case ALEX_MSG_HEARTBEAT: printf("HEARTBEAT\n"); break;
    case ALEX_MSG_STATUS: printf("STATUS (ticks %u %u ...)\n", m.params[0], m.params[1]); break;
    case ALEX_MSG_ERROR: printf("ERROR code %u %s\n", m.code, m.text); break;
    default: printf("MESSAGE %s\n", m.text); break;
    }
}

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
            return send_all(d->to, d->buf, d->have) == 0 ? (d->have = 0, 0) : -1;
        if (d->have < header + body)
            return 0;
        int st;
        if (d->is_tls) {
            st = pass_record(d, d->buf, header + body);
        } else {
            show_plain_message(d, d->buf, header + body);
            st = send_all(d->to, d->buf, header + body);
        }
        if (st != 0)
            return -1;
        memmove(d->buf, d->buf + header + body, d->have - header - body);
        d->have -= header + body;
    }
    return 0;
}

static void relay(int laptop, int robot)
{
    direction up = {.name = "laptop -> robot", .from = laptop, .to = robot};
    direction down = {.name = "robot -> laptop", .from = robot, .to = laptop};
    direction *dirs[2] = {&up, &down};
    for (;;) {
        struct pollfd pfd[2] = {{.fd = laptop, .events = POLLIN}, {.fd = robot, .events = POLLIN}};
        if (poll(pfd, 2, -1) < 0 && errno != EINTR)
            return;
        for (int i = 0; i < 2; i++) {
            if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            direction *d = dirs[i];
            ssize_t n = recv(d->from, d->buf + d->have, sizeof d->buf - d->have, 0);
            if (n <= 0) {
                printf("%s: connection closed\n", d->name);
                return;
            }
            d->have += (size_t)n;
            if (process(d) != 0)
                return;
        }
    }
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
    int n = link.read(link.ctx, buf, sizeof buf, 2000);
    printf("  EVE: mitm: the laptop TRUSTED me and sent %d bytes\n", n);
    link.close(link.ctx);
}

static const char help[] =
    "usage: eve sniff|replay|tamper|downgrade --listen PORT --target HOST:PORT [--count N]\n"
    "       eve mitm --cert CERT --key KEY --listen PORT --target HOST:PORT\n"
    "A man in the middle between alex-client and alex-server, on loopback.\n";

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
    static const char *const modes[] = {"sniff", "replay", "tamper", "downgrade", "mitm"};
    int m = -1;
    for (int i = 0; optind < argc && i < 5; i++)
        if (strcmp(argv[optind], modes[i]) == 0)
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
    if (transport_tcp_listen(listen_port, &listen_fd, NULL) != SEE_OK) {
        fprintf(stderr, "eve: cannot listen on port %s\n", listen_port);
        return 1;
    }
    printf("eve (%s): listening on %s, forwarding to %s\n", modes[m], listen_port, target);
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
            did_meddle = 1;
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
    if (mode != SNIFF && !did_meddle)
        printf("eve: found nothing to %s\n", modes[m]);
    close(listen_fd);
    alex_tls_setup_free(&eve_tls);
    return 0;
}
