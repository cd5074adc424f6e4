/*
 * demo-wireshark: a TLS 1.2 session for the class to open in Wireshark.
 *
 *   build/demo-wireshark --out DIR [--kx rsa|dhe|ecdhe] [--cipher SUITE] [--seed TEXT]
 *
 * Our client and our server run a handshake and exchange a few robot
 * commands over an in-memory pipe. Every record that crosses is written to
 * DIR/seetls.pcap as one TCP segment between 127.0.0.1:50123 (the
 * browser) and 127.0.0.1:SERVER_PORT (the robot), and the session's secret
 * to DIR/keylog.txt in the NSS key log format (CLIENT_RANDOM RB
 * master_secret), so Wireshark can decrypt the records: CBC ones (--kx rsa
 * or dhe) and AEAD ones (--kx ecdhe: AES-128-GCM; --cipher
 * ECDHE-RSA-CHACHA20-POLY1305) alike, the key log being the same.
 *
 * With --seed, the same text gives the same files, byte for byte: each
 * side draws from its own seeded generator, the two run in lockstep
 * (demo_pair), and the capture's clock is made up.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crypto/bignum.h"
#include "core/util.h"
#include "codec/hex.h"
#include "demos/common_pki.h"
#include "demos/common_session.h"
#include "demos/common_text.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"

/* ---------------------------------------------------------- the capture */

/* The robot's port in the capture. Not 443: Wireshark hands what TLS
 * decrypts on 443 to its HTTP dissector, and the robot's commands then show
 * as broken HTTP. On 4433 (OpenSSL's s_server's default) Wireshark's TLS
 * heuristic finds the records by themselves, and the decrypted commands
 * show as data. */
#define SERVER_PORT 4433
#define CLIENT_PORT 50123

#define MAX_SEGMENTS 256

typedef struct {
    int from_client;
    uint8_t *bytes;
    size_t len;
} segment;

typedef struct {
    pthread_mutex_t lock;
    segment seg[MAX_SEGMENTS];
    size_t count;
} capture;

static void capture_add(capture *cap, int from_client, const uint8_t *p, size_t len)
{
    pthread_mutex_lock(&cap->lock);
    if (cap->count < MAX_SEGMENTS && len > 0) {
        segment *s = &cap->seg[cap->count];
        s->bytes = malloc(len);
        if (s->bytes != NULL) {
            memcpy(s->bytes, p, len);
            s->len = len;
            s->from_client = from_client;
            cap->count++;
        }
    }
    pthread_mutex_unlock(&cap->lock);
}

/* Each side's tap (transport_tapped) records what the side writes, as it
 * leaves: the record layer writes each record whole, so each record is one
 * segment (what the reader reads comes in pieces: a header, then a body). */
static see_status capture_client_write(void *ctx, const transport *inner,
                                       const uint8_t *buf, size_t len)
{
    capture_add(ctx, 1, buf, len);
    return transport_write(inner, buf, len);
}

static see_status capture_server_write(void *ctx, const transport *inner,
                                       const uint8_t *buf, size_t len)
{
    capture_add(ctx, 0, buf, len);
    return transport_write(inner, buf, len);
}

/* ------------------------------------------------------- the pcap file */

/* The classic pcap format: a 24-byte file header, then per packet a 16-byte
 * record header and the frame: Ethernet, IPv4 (RFC 791), TCP (RFC 793). */

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

static void put_le32(FILE *f, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)p[i] << 8 | p[i + 1];
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    return sum;
}

static uint16_t fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

typedef struct {
    FILE *f;
    uint32_t seq[2];      /* next sequence number: [0] server, [1] client */
    uint32_t packets;
    uint16_t ip_id;
} pcap_writer;

#define TCP_SYN 0x02
#define TCP_ACK 0x10
#define TCP_PSH 0x08
#define TCP_FIN 0x01

static int write_packet(pcap_writer *w, int from_client, uint8_t flags,
                        const uint8_t *data, size_t len)
{
    static uint8_t frame[14 + 20 + 20 + 65535];
    const uint8_t loopback[4] = {127, 0, 0, 1};
    uint8_t *eth = frame, *ip = frame + 14, *tcp = ip + 20;
    size_t total = 14 + 20 + 20 + len;
    if (len > 65535 - 40)
        return -1;

    memset(frame, 0, 14 + 40);
    eth[5] = from_client ? 1 : 2;   /* made-up MAC addresses */
    eth[11] = from_client ? 2 : 1;
    put16(eth + 12, 0x0800);         /* IPv4 */

    ip[0] = 0x45;                    /* version 4, 5 words of header */
    put16(ip + 2, (unsigned)(20 + 20 + len));
    put16(ip + 4, w->ip_id++);
    put16(ip + 6, 0x4000);           /* don't fragment */
    ip[8] = 64;                      /* time to live */
    ip[9] = 6;                       /* TCP */
    memcpy(ip + 12, loopback, 4);
    memcpy(ip + 16, loopback, 4);
    put16(ip + 10, fold(sum16(ip, 20, 0)));

    put16(tcp, from_client ? CLIENT_PORT : SERVER_PORT);
    put16(tcp + 2, from_client ? SERVER_PORT : CLIENT_PORT);
    see_store32_be(tcp + 4, w->seq[from_client]);
    see_store32_be(tcp + 8, (flags & TCP_ACK) ? w->seq[!from_client] : 0);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    put16(tcp + 14, 65535);
    if (len > 0) /* the SYN and FIN segments carry no data (NULL) */
        memcpy(tcp + 20, data, len);
    /* The TCP checksum covers a pseudo-header: addresses, protocol, length. */
    uint8_t pseudo[12];
    memcpy(pseudo, ip + 12, 8);
    pseudo[8] = 0;
    pseudo[9] = 6;
    put16(pseudo + 10, (unsigned)(20 + len));
    put16(tcp + 16, fold(sum16(tcp, 20 + len, sum16(pseudo, 12, 0))));

    w->seq[from_client] += (uint32_t)len + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);
    /* A made-up clock: 2026-01-01, one millisecond a packet. */
    put_le32(w->f, 1767225600u + w->packets / 1000);
    put_le32(w->f, (w->packets % 1000) * 1000);
    put_le32(w->f, (uint32_t)total);
    put_le32(w->f, (uint32_t)total);
    w->packets++;
    return fwrite(frame, 1, total, w->f) == total ? 0 : -1;
}

static int write_pcap(const char *path, const capture *cap)
{
    pcap_writer w = {fopen(path, "wb"), {1000000, 2000000}, 0, 1};
    if (w.f == NULL)
        return -1;
    put_le32(w.f, 0xa1b2c3d4); /* magic, microsecond timestamps */
    uint8_t version[4] = {2, 0, 4, 0};
    fwrite(version, 1, 4, w.f);
    put_le32(w.f, 0);          /* this zone */
    put_le32(w.f, 0);          /* sigfigs */
    put_le32(w.f, 65535);      /* snaplen */
    put_le32(w.f, 1);          /* LINKTYPE_ETHERNET */

    int rc = write_packet(&w, 1, TCP_SYN, NULL, 0);
    rc |= write_packet(&w, 0, TCP_SYN | TCP_ACK, NULL, 0);
    rc |= write_packet(&w, 1, TCP_ACK, NULL, 0);
    for (size_t i = 0; i < cap->count; i++)
        rc |= write_packet(&w, cap->seg[i].from_client, TCP_ACK | TCP_PSH,
                           cap->seg[i].bytes, cap->seg[i].len);
    rc |= write_packet(&w, 1, TCP_FIN | TCP_ACK, NULL, 0);
    rc |= write_packet(&w, 0, TCP_FIN | TCP_ACK, NULL, 0);
    rc |= write_packet(&w, 1, TCP_ACK, NULL, 0);
    return fclose(w.f) == 0 ? rc : -1;
}

/* ----------------------------------------------------------- the session */

static const char *const commands[] = {"f 50 75", "l 90 60", "g", "s"};

/* S answers each command (demo_server's on_data). */
static int answer(void *ctx, tls_conn *server, const uint8_t *data, size_t len)
{
    char reply[300];
    (void)ctx;
    int n = snprintf(reply, sizeof reply, "robot: done '%.*s'", (int)len, (const char *)data);
    return tls_write(server, (const uint8_t *)reply, (size_t)n) != SEE_OK;
}

static int write_keylog(const char *path, const tls_conn *c)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    char rb[2 * TLS_RANDOM_SIZE + 1], master[2 * TLS_MASTER_SECRET_SIZE + 1];
    see_hex_encode(c->rb, TLS_RANDOM_SIZE, rb);
    see_hex_encode(c->master, TLS_MASTER_SECRET_SIZE, master);
    fprintf(f, "# NSS key log: the browser's random RB, then the master secret\n");
    fprintf(f, "CLIENT_RANDOM %s %s\n", rb, master);
    return fclose(f);
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

static const char help[] =
    "usage: demo-wireshark --out DIR [--kx rsa|dhe|ecdhe] [--cipher SUITE] [--seed TEXT]\n"
    "Write DIR/seetls.pcap (a TLS 1.2 session between our client and server,\n"
    "the robot on port 4433) and DIR/keylog.txt (its secret) for Wireshark.\n"
    "  --kx rsa|dhe|ecdhe  the key exchange: RSA key transport (the default),\n"
    "                 ephemeral Diffie-Hellman (both with AES-128-CBC records)\n"
    "                 or ECDHE on x25519 (AES-128-GCM records)\n"
    "  --cipher SUITE the one suite to run instead, by IANA's or OpenSSL's\n"
    "                 name (ECDHE-RSA-CHACHA20-POLY1305, ...)\n"
    "  --seed TEXT    the same files from the same text (INSECURE)\n";

/* A side's randomness: seeded with "SEED/PART", or the system's. */
static void side_rng(see_rng *rng, const char *seed, const char *part)
{
    if (seed != NULL)
        demo_seeded_rng(rng, "%s/%s", seed, part);
    else
        rng_init_system(rng);
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"out", required_argument, NULL, 'o'},
        {"kx", required_argument, NULL, 's'},
        {"suite", required_argument, NULL, 's'}, /* the old name of --kx */
        {"cipher", required_argument, NULL, 'c'},
        {"seed", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL, *kx = "rsa", *seed = NULL, *cipher = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 's': kx = optarg; break;
        case 'c': cipher = optarg; break;
        case 'r': seed = optarg; break;
        default: return demo_usage(help, opt);
        }
    }
    uint16_t suite_id = demo_suite_chosen(kx, cipher);
    if (out == NULL || suite_id == 0) {
        fputs(help, stderr);
        return 2;
    }
    if (make_dirs(out) != 0) {
        fprintf(stderr, "demo-wireshark: %s: %s\n", out, strerror(errno));
        return 1;
    }

    /* Each side its own generator: B's and S's threads drawing from one
     * would share its stream in whatever order they happened to run. */
    see_rng key_rng, client_rng, server_rng;
    side_rng(&key_rng, seed, "keys");
    side_rng(&client_rng, seed, "client");
    side_rng(&server_rng, seed, "server");
    if (seed != NULL)
        demo_seeded_banner("demo-wireshark", seed);
    demo_pki pki;
    if (demo_pki_make(&pki, &key_rng, DEMO_HOST) != 0) {
        fprintf(stderr, "demo-wireshark: could not make the certificates\n");
        return 1;
    }

    tls_x509_check check;
    tls_config ccfg, scfg;
    demo_configs_init(&ccfg, &scfg, &client_rng, &server_rng, suite_id);
    demo_certificates(&ccfg, &scfg, &check, pki.ca_der, pki.ca_len, &pki.server_key,
                      pki.server_der, pki.server_len);

    static capture cap = {PTHREAD_MUTEX_INITIALIZER, {{0, NULL, 0}}, 0};
    transport_tap ctap = {.ctx = &cap, .write = capture_client_write};
    transport_tap stap = {.ctx = &cap, .write = capture_server_write};
    demo_pair pair;
    if (demo_pair_start(&pair, 10000, &ccfg, &scfg, &ctap, &stap, answer, NULL) != 0)
        return 1;
    tls_conn *client = pair.client;

    see_status st = tls_handshake(client);
    int ok = st == SEE_OK;
    for (size_t i = 0; ok && i < sizeof commands / sizeof commands[0]; i++) {
        uint8_t buf[300];
        size_t got;
        ok = tls_write(client, (const uint8_t *)commands[i], strlen(commands[i])) == SEE_OK &&
             tls_read(client, buf, sizeof buf, &got) == SEE_OK;
        if (ok)
            printf("  laptop sent \"%s\", the robot answered \"%.*s\"\n", commands[i],
                   (int)got, (const char *)buf);
    }
    tls_close(client);
    demo_pair_join(&pair);

    char pcap_path[4096], keylog_path[4096];
    snprintf(pcap_path, sizeof pcap_path, "%s/seetls.pcap", out);
    snprintf(keylog_path, sizeof keylog_path, "%s/keylog.txt", out);
    if (ok && (write_pcap(pcap_path, &cap) != 0 || write_keylog(keylog_path, client) != 0)) {
        fprintf(stderr, "demo-wireshark: cannot write to %s\n", out);
        ok = 0;
    }
    if (ok)
        printf("\nwrote %s (%zu TLS records, %s)\nwrote %s\n\n"
               "In Wireshark:\n"
               "  1. File > Open: %s. Filter 'tls': ClientHello, ServerHello,\n"
               "     Certificate, ... then Application Data you cannot read.\n"
               "  2. Edit > Preferences > Protocols > TLS > (Pre)-Master-Secret log\n"
               "     filename: %s\n"
               "  3. The Application Data records now show their plaintext in the\n"
               "     \"Decrypted TLS\" tab: the robot commands above.\n",
               pcap_path, cap.count, tls_suite_name(client->suite), keylog_path, pcap_path,
               keylog_path);
    else
        fprintf(stderr, "demo-wireshark: the session failed: %s\n", see_strerror(st));

    for (size_t i = 0; i < cap.count; i++)
        free(cap.seg[i].bytes);
    demo_pair_free(&pair);
    demo_pki_free(&pki);
    rng_wipe(&key_rng);
    rng_wipe(&client_rng);
    rng_wipe(&server_rng);
    return ok ? 0 : 1;
}
