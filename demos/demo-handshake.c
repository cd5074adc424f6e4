/*
 * demo-handshake: a whole TLS 1.2 handshake between our client (the
 * slides' browser, B) and our server (S), live, every value under the
 * slides' name.
 *
 *   build/demo-handshake [--kx rsa|dhe|ecdhe] [--cipher SUITE] [--client-cert]
 *                        [--seed TEXT] [--tamper] [--step] [--svg FILE] [--html FILE]
 *                        [--listen PORT | --connect HOST:PORT]
 *
 * The program makes a CA and a server certificate for robot.lab, then runs
 * the client and the server in two threads over an in-memory pipe. Each
 * side reports what it sends and computes (RB, RS, PS, the master secret,
 * I_B, I_S, C_B, C_S, the FINISHED MACs, each record's sequence number) and
 * each check it makes (the certificate, the signature over the DH values,
 * the peer's Finished, each record's MAC) as trace events, printed here as
 * they happen: the client on the left, the server indented, each side also
 * naming what it received from the other, and a heading with the slides'
 * topic where one begins. The key exchange is RSA unless --kx dhe or ecdhe (RSA is
 * the slides' story: PS made, c = PS^e mod n, PS = c^d mod n); rsa and dhe
 * run their CBC suite (MAC-then-encrypt, the slides' records), ecdhe
 * ECDHE-RSA-AES128-GCM-SHA256. --cipher names the one suite B offers
 * instead (IANA's or OpenSSL's name, e.g. ECDHE-RSA-CHACHA20-POLY1305 or
 * DHE-RSA-AES128-GCM-SHA256), its key exchange replacing --kx. Both
 * compute the same keys; then one robot command crosses protected and the
 * robot's reply comes back, and each side closes with close_notify.
 * --tamper flips one bit of the client's Finished record on the wire: the
 * server's MAC CHECK (an AEAD suite's tag check) fails and it answers
 * bad_record_mac.
 *
 * Each handshake message is also drawn as an arrow between the two sides,
 * as in the SSL tutorial's sequence diagram; --svg writes that diagram as a
 * picture, --html one page with every byte of every record both sides
 * wrote, annotated field by field, the protected records opened and their
 * MACs checked (demos/page_html.h). --step waits for Enter after each
 * step (on a terminal).
 * --listen PORT and --connect HOST:PORT split the two sides across two
 * terminals or two machines over TCP; run both with the same --seed, so
 * that both make the same CA and server certificate (--listen 0 picks a
 * free port and says which). Each side's --html page then shows what it
 * wrote and read; --tamper on the --connect side puts Eve on B's wire.
 *
 * The two sides in one program run in lockstep (demo_pair_start): one
 * side runs until it must wait for the other, so the lines come in one
 * order, the order of docs/HANDSHAKE.md, on every run.
 *
 * The randomness is seeded (default "seetls demo"), so a run is
 * reproducible byte for byte: INSECURE, for class only.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "core/util.h"
#include "pki/x509.h"
#include "demos/common_pki.h"
#include "demos/common_session.h"
#include "demos/common_text.h"
#include "demos/page_capture.h"
#include "demos/page_html.h"
#include "handshake/alert.h"
#include "handshake/key_exchange.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"

static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;
static int stepping;
static int colour; /* on a terminal that is not NO_COLOR: names bold, B blue, S green */

/* Every record and the values of the run, for --svg and --html. */
static page_capture capture;

static int is_message(const trace_event *e)
{
    return strcmp(e->explain, "handshake message sent") == 0 ||
           strcmp(e->name, "CHANGE_CIPHER_SPEC") == 0;
}

/* The slides' topic of a value or a message (the headings of the slides'
 * TLS pages), or NULL. */
static int kx_is_rsa = 1;

static const char *slide_topic(const char *name)
{
    static const struct {
        const char *names, *topic;
    } topics[] = {
        { "|RB|RS|ClientHello|ServerHello|", "HTTPS Connection (SSL / TLS)" },
        { "|Certificate|CERTIFICATE|CERTIFICATE CHECK|CertificateRequest|"
          "CLIENT CERTIFICATE|", "Certificate Authorities" },
        { "|CertificateVerify|SIGNATURE CHECK|", "Digital Signatures" },
        { "|ServerKeyExchange|p|g|curve|Ys|Yc|", "Diffie-Hellman Key Exchange" },
        { "|SESSION HASH|MASTER SECRET|I_B|I_S|C_B|C_S|",
          "cipher keys C_B, C_S and MAC keys I_B, I_S" },
        { "|CHANGE_CIPHER_SPEC|FINISHED MAC|Finished|FINISHED CHECK|", "FINISHED" },
        { "|application data|", "symmetric cipher, messages numbered" },
    };
    /* SEQ and MAC CHECK: under the topic of their record (FINISHED, or the
     * data phase's, which send_text names) */
    if (strcmp(name, "PS") == 0 || strcmp(name, "ENCRYPTED PS") == 0 ||
        strcmp(name, "ClientKeyExchange") == 0)
        return kx_is_rsa ? "Premaster Secret PS, sent encrypted (RSA)"
                         : "Diffie-Hellman Key Exchange";
    char key[40];
    snprintf(key, sizeof key, "|%s|", name);
    for (size_t i = 0; i < sizeof topics / sizeof *topics; i++)
        if (strstr(topics[i].names, key) != NULL)
            return topics[i].topic;
    return NULL;
}

/* The sequence diagram as it grows: B on the left, S on the right. */
static void draw_arrow(trace_party from, const char *name)
{
    char label[40];
    snprintf(label, sizeof label, " %s ", name);
    char line[48];
    memset(line, '-', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    memcpy(line + 4, label, strlen(label));
    if (from == TRACE_CLIENT)
        printf("  B |%s>| S\n", line);
    else
        printf("  B |<%s| S\n", line);
}

/* The heading "[slides: TOPIC]" where a side's topic changes. */
static void print_topic(trace_party side, const char *name)
{
    static const char *current[2];
    const char *topic = slide_topic(name);
    if (topic == NULL || topic == current[side])
        return;
    current[side] = topic;
    printf("%s%s[slides: %s]%s\n", side == TRACE_CLIENT ? "" : "                    ",
           colour ? "\033[1m" : "", topic, colour ? "\033[0m" : "");
}

static const char *side_colour(trace_party side)
{
    return !colour ? "" : side == TRACE_CLIENT ? "\033[1;34m" : "\033[1;32m";
}

/* What a side sent or computed, or a check it made: name, bytes, the
 * explanation; a message, an alert, drawn as an arrow. */
static void print_own(trace_party owner, const trace_event *e)
{
    print_topic(owner, e->name);
    const char *indent = owner == TRACE_CLIENT ? "" : "                    ";
    const char *off = colour ? "\033[0m" : "";
    printf("%s%s%-6s %-*s%s", indent, side_colour(owner),
           owner == TRACE_CLIENT ? "B:" : "S:", e->len > 0 ? 18 : 0, e->name, off);
    if (e->len > 0)
        printf(" ");
    size_t shown = e->len > 16 ? 16 : e->len;
    for (size_t i = 0; i < shown; i++)
        printf("%02x", e->bytes[i]);
    if (shown < e->len)
        printf("... (%zu bytes)", e->len);
    printf("\n%s       %s%s%s\n", indent, colour ? "\033[2m" : "", e->explain, off);
    if (is_message(e)) {
        draw_arrow(owner, e->name);
    } else if (strcmp(e->name, "ALERT") == 0 && e->len == 2) {
        char label[40];
        snprintf(label, sizeof label, "%s alert", alert_name(e->bytes[1]));
        draw_arrow(owner, label);
    }
}

/* What a side received from the other, in its own column: the other side
 * printed the bytes already. */
static void print_received(trace_party owner, const trace_event *e)
{
    printf("%s%s%s%s received ", owner == TRACE_CLIENT ? "" : "                    ",
           side_colour(owner), owner == TRACE_CLIENT ? "B:" : "S:",
           colour ? "\033[0m" : "");
    if (strcmp(e->name, "ALERT") == 0) { /* its explanation names it */
        printf("the %s alert\n", e->explain);
        return;
    }
    printf("%s", e->name);
    if (e->len > 0)
        printf(" (%zu bytes)", e->len);
    printf("\n");
}

/* Each side's events: its own, and what it received (the sender the
 * other side). */
static void print_event(void *ctx, const trace_event *e)
{
    trace_party owner = *(const trace_party *)ctx;
    pthread_mutex_lock(&print_lock);
    page_capture_event(&capture, e);
    if (e->sender != owner) {
        print_received(owner, e);
        pthread_mutex_unlock(&print_lock);
        return;
    }
    print_own(owner, e);
    if (stepping) {
        printf("  [Enter] ");
        fflush(stdout);
        int ch;
        while ((ch = getchar()) != EOF && ch != '\n')
            ;
    }
    pthread_mutex_unlock(&print_lock);
}

static page_run run_info;

static void render_svg(FILE *f)
{
    page_write_svg(f, &capture);
}

static void render_html(FILE *f)
{
    page_write_html(f, &capture, &run_info);
}

static int write_file(const char *path, void (*render)(FILE *))
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "demo-handshake: %s: cannot write\n", path);
        return -1;
    }
    render(f);
    return fclose(f) == 0 ? 0 : -1;
}

/* What to write after the run, and the command line the page shows. */
typedef struct {
    const char *svg, *html; /* NULL: not asked for */
    int argc;
    char **argv;
} page_outputs;

/* After the run: the captured records opened, then --svg and --html
 * written (each path may be NULL). 0, or -1 if a file could not be
 * written. */
static int write_pages(const page_outputs *out, const char *outcome)
{
    page_capture_open(&capture);
    char program_line[512];
    page_command_line(program_line, sizeof program_line, out->argc, out->argv);
    run_info.program_line = program_line;
    run_info.outcome = outcome;
    int rc = 0;
    if (out->svg != NULL && write_file(out->svg, render_svg) != 0)
        rc = -1;
    if (out->html != NULL && write_file(out->html, render_html) != 0)
        rc = -1;
    return rc;
}

/* Eve on the client's transport (a tap: transport_tapped), who can flip a
 * bit of its fourth record (its Finished: ClientHello, ClientKeyExchange,
 * ChangeCipherSpec, Finished): its byte 15 after the header. In a CBC
 * record that is the last byte of the explicit IV, so the first block
 * decrypts to something else and the MAC fails; in an AEAD record it is
 * a byte of the ciphertext (GCM's 8-byte nonce_explicit comes first), and
 * the tag fails. */
#define EVE_FLIP_AT (TLS_RECORD_HEADER_SIZE + TLS_RECORD_IV_SIZE - 1)

typedef struct {
    int writes, tamper;
} eve;

static see_status eve_write(void *ctx, const transport *inner, const uint8_t *buf,
                            size_t len)
{
    eve *e = ctx;
    uint8_t copy[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    if (len > sizeof copy)
        return SEE_ERR_ARGUMENT;
    memcpy(copy, buf, len);
    if (e->tamper && e->writes == 3 && len > EVE_FLIP_AT) {
        copy[EVE_FLIP_AT] ^= 0x01;
        pthread_mutex_lock(&print_lock);
        printf("\n*** Eve flips one bit of the client's Finished record ***\n\n");
        pthread_mutex_unlock(&print_lock);
    }
    e->writes++;
    page_capture_write(&capture, TRACE_CLIENT, copy, len);
    return transport_write(inner, copy, len);
}

/* S's transport: each record S writes kept for the page. */
static see_status record_server_write(void *ctx, const transport *inner,
                                      const uint8_t *buf, size_t len)
{
    (void)ctx;
    page_capture_write(&capture, TRACE_SERVER, buf, len);
    return transport_write(inner, buf, len);
}

/* Over TCP (--listen, --connect) each side sees the other's records only
 * as it reads them: kept for the page as the other side's. */
static void record_read_from_server(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    page_capture_write(&capture, TRACE_SERVER, buf, len);
}

static void record_read_from_client(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    page_capture_write(&capture, TRACE_CLIENT, buf, len);
}

/* The data phase: one robot command and the robot's reply. */
static const char command[] = "forward 10 cm";
static const char reply[] = "ok: moving forward 10 cm";

/* A side sends text as application data: said, drawn, then sent (its SEQ
 * follows). */
static see_status send_text(tls_conn *c, trace_party side, const char *text)
{
    pthread_mutex_lock(&print_lock);
    print_topic(side, "application data");
    printf("%s%s%s sends \"%s\" (application data, protected)\n",
           side == TRACE_CLIENT ? "" : "                    ", side_colour(side),
           side == TRACE_CLIENT ? "B:" : "S:", text);
    char label[40];
    snprintf(label, sizeof label, "\"%s\"", text);
    draw_arrow(side, label);
    pthread_mutex_unlock(&print_lock);
    return tls_write(c, (const uint8_t *)text, strlen(text));
}

static void print_text_received(trace_party side, const uint8_t *data, size_t len)
{
    pthread_mutex_lock(&print_lock);
    printf("%s%s received \"%.*s\"\n", side == TRACE_CLIENT ? "" : "                    ",
           side == TRACE_CLIENT ? "B:" : "S:", (int)len, (const char *)data);
    pthread_mutex_unlock(&print_lock);
}

/* S prints the command it read, answers it, and reads no more
 * (demo_server's on_data; S then closes). */
static int answer_command(void *ctx, tls_conn *server, const uint8_t *data, size_t len)
{
    (void)ctx;
    print_text_received(TRACE_SERVER, data, len);
    (void)send_text(server, TRACE_SERVER, reply);
    return 1;
}

/* B sends one robot command, protected, reads S's reply and waits for S's
 * close_notify (S answers one command, then closes). 1 when the reply
 * came. */
static int send_command(tls_conn *client)
{
    if (send_text(client, TRACE_CLIENT, command) != SEE_OK)
        return 0;
    uint8_t buf[64];
    size_t got;
    if (tls_read(client, buf, sizeof buf, &got) != SEE_OK)
        return 0;
    print_text_received(TRACE_CLIENT, buf, got);
    int answered = got == strlen(reply) && memcmp(buf, reply, got) == 0;
    (void)tls_read(client, buf, sizeof buf, &got); /* the server's close_notify */
    return answered;
}

/* --listen / --connect: one side of the handshake, over TCP. */
static int run_over_tcp(const char *listen_port, const char *connect_to,
                        const tls_config *ccfg, const tls_config *scfg, eve *e,
                        const page_outputs *outputs)
{
    int fd = -1, server_side = listen_port != NULL;
    see_status st;
    if (server_side) {
        int lfd;
        unsigned bound = 0; /* --listen 0: the kernel picks a free port */
        if (transport_tcp_listen(listen_port, &lfd, &bound) != SEE_OK) {
            fprintf(stderr, "demo-handshake: cannot listen on port %s\n", listen_port);
            return 1;
        }
        printf("S: waiting for the browser on port %u\n\n", bound);
        fflush(stdout);
        st = transport_tcp_accept(lfd, -1, &fd);
        close(lfd);
    } else {
        char host[256];
        snprintf(host, sizeof host, "%s", connect_to);
        char *colon = strrchr(host, ':');
        if (colon == NULL) {
            fprintf(stderr, "demo-handshake: --connect wants HOST:PORT\n");
            return 2;
        }
        *colon = '\0';
        st = transport_tcp_connect(host, colon + 1, 10000, &fd);
    }
    if (st != SEE_OK) {
        fprintf(stderr, "demo-handshake: %s\n", see_strerror(st));
        return 1;
    }
    socket_transport sock;
    transport sock_io, io;
    transport_socket(&sock_io, &sock, fd, stepping ? -1 : 30000);
    /* the page's capture: what this side writes (B's through Eve), and
     * what it reads, as the other side's */
    transport_tap tap = { .inner = &sock_io };
    if (server_side) {
        tap.write = record_server_write;
        tap.seen_read = record_read_from_client;
    } else {
        tap.ctx = e; /* --tamper: Eve on B's side of the wire */
        tap.write = eve_write;
        tap.seen_read = record_read_from_server;
    }
    transport_tapped(&io, &tap);
    tls_conn *c = malloc(sizeof *c);
    if (c == NULL)
        return 1;
    tls_conn_init(c, server_side ? TLS_ROLE_SERVER : TLS_ROLE_CLIENT,
                  server_side ? scfg : ccfg, &io);
    st = tls_handshake(c);
    if (st == SEE_OK && server_side) {
        uint8_t buf[64];
        size_t got;
        if (tls_read(c, buf, sizeof buf, &got) == SEE_OK)
            answer_command(NULL, c, buf, got);
    } else if (st == SEE_OK) {
        send_command(c);
    }
    if (st == SEE_OK)
        tls_close(c);
    printf("\n%s: %s", server_side ? "server" : "client",
           st == SEE_OK ? "handshake done" : see_strerror(st));
    if (c->alert_received >= 0)
        printf(" (alert %s)", alert_name((uint8_t)c->alert_received));
    if (st == SEE_OK)
        printf(", suite %s", tls_suite_name(c->suite));
    printf("\n");
    char outcome[256];
    snprintf(outcome, sizeof outcome, "%s (this side only: the other ran on its own): %s",
             server_side ? "server" : "client",
             st == SEE_OK ? "handshake done" : see_strerror(st));
    int rc = st == SEE_OK ? 0 : 1;
    if (write_pages(outputs, outcome) != 0)
        rc = 1;
    tls_conn_free(c);
    free(c);
    close(fd);
    return rc;
}

static const char usage[] =
    "usage: demo-handshake [--kx rsa|dhe|ecdhe] [--cipher SUITE] [--client-cert]\n"
    "                      [--seed TEXT] [--tamper] [--step] [--svg FILE] [--html FILE]\n"
    "                      [--listen PORT | --connect HOST:PORT]\n";

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"kx", required_argument, NULL, 's'},
        {"suite", required_argument, NULL, 's'}, /* the old name, still taken */
        {"cipher", required_argument, NULL, 'u'},
        {"seed", required_argument, NULL, 'r'},
        {"tamper", no_argument, NULL, 't'},
        {"step", no_argument, NULL, 'p'},
        {"client-cert", no_argument, NULL, 'C'},
        {"listen", required_argument, NULL, 'l'},
        {"connect", required_argument, NULL, 'c'},
        {"svg", required_argument, NULL, 'g'},
        {"html", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    /* RSA first, as the slides tell the story */
    const char *kx = "rsa", *seed = "seetls demo", *svg_path = NULL, *html_path = NULL;
    const char *listen_port = NULL, *connect_to = NULL, *cipher = NULL;
    int client_cert = 0;
    int tamper = 0, opt;
    while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (opt) {
        case 's': kx = optarg; break;
        case 'u': cipher = optarg; break;
        case 'r': seed = optarg; break;
        case 't': tamper = 1; break;
        case 'p': stepping = isatty(0); break;
        case 'C': client_cert = 1; break;
        case 'l': listen_port = optarg; break;
        case 'c': connect_to = optarg; break;
        case 'g': svg_path = optarg; break;
        case 'w': html_path = optarg; break;
        default: return demo_usage(usage, opt);
        }
    }
    uint16_t suite_id = demo_suite_chosen(kx, cipher);
    if (suite_id == 0) {
        if (cipher != NULL)
            fprintf(stderr, "demo-handshake: --cipher %s is not one of our suites\n", cipher);
        else
            fprintf(stderr, "demo-handshake: --kx is rsa, dhe or ecdhe\n");
        return 2;
    }
    kx_is_rsa = tls_suite_find(suite_id)->kx == &kx_rsa;
    colour = isatty(1) && getenv("NO_COLOR") == NULL;
    demo_seeded_banner("demo-handshake", seed);
    printf("\n");

    page_capture_init(&capture);
    see_rng key_rng, client_rng, server_rng;
    demo_seeded_rng(&key_rng, "%s/keys", seed);
    static demo_pki pki;
    if (demo_pki_make(&pki, &key_rng, DEMO_HOST) != 0) {
        fprintf(stderr, "demo-handshake: could not make the certificates\n");
        return 1;
    }
    /* The seed also drives both sides' randoms. */
    demo_seeded_rng(&client_rng, "%s", seed);
    demo_seeded_rng(&server_rng, "%s/server", seed);

    trace_party client_owner = TRACE_CLIENT, server_owner = TRACE_SERVER;
    tracer ct, st;
    trace_init(&ct, print_event, &client_owner);
    trace_init(&st, print_event, &server_owner);

    tls_x509_check check;
    tls_config ccfg, scfg;
    demo_configs_init(&ccfg, &scfg, &client_rng, &server_rng, suite_id);
    demo_certificates(&ccfg, &scfg, &check, pki.ca_der, pki.ca_len, &pki.server_key,
                      pki.server_der, pki.server_len);
    ccfg.trace = &ct;
    scfg.trace = &st;

    /* --client-cert: mutual authentication. The browser shows a certificate
     * from the same CA (here the server's own, for brevity) and proves it
     * holds the key; the server checks it as the client checks the server's. */
    tls_x509_check client_check;
    demo_check_init(&client_check, pki.ca_der, pki.ca_len, NULL);
    client_check.for_client = 1;
    if (client_cert) {
        scfg.verify_client = tls_x509_verify;
        scfg.verify_client_ctx = &client_check;
        ccfg.key = &pki.server_key;
        ccfg.chain = scfg.chain;
    }

    page_outputs outputs = { svg_path, html_path, argc, argv };
    eve e = { 0, tamper };
    if (listen_port != NULL || connect_to != NULL) {
        int rc = run_over_tcp(listen_port, connect_to, &ccfg, &scfg, &e, &outputs);
        page_capture_free(&capture);
        demo_pki_free(&pki);
        return rc;
    }

    transport_tap tap = { .ctx = &e, .write = eve_write };
    transport_tap server_tap = { .write = record_server_write };
    printf("B: browser (client)  S: server\n\n");
    demo_pair pair;
    /* while the class reads a step, the other side waits as long as needed */
    if (demo_pair_start(&pair, stepping ? -1 : 10000, &ccfg, &scfg, &tap, &server_tap,
                        answer_command, NULL) != 0)
        return 1;
    tls_conn *client = pair.client, *server = pair.server;
    see_status cs = tls_handshake(client);
    int answered = 0;
    if (cs == SEE_OK) {
        answered = send_command(client);
        tls_close(client);
    }
    see_status ss = demo_pair_join(&pair);

    printf("\nclient: %s", cs == SEE_OK ? "handshake done" : see_strerror(cs));
    if (client->alert_received >= 0)
        printf(" (alert %s)", alert_name((uint8_t)client->alert_received));
    printf("\nserver: %s", ss == SEE_OK ? "handshake done" : see_strerror(ss));
    if (server->alert_sent >= 0)
        printf(" (sent alert %s)", alert_name((uint8_t)server->alert_sent));
    printf("\n");
    if (cs == SEE_OK) {
        printf("suite %s; same master secret on both sides: %s\n",
               tls_suite_name(client->suite),
               memcmp(client->master, server->master, TLS_MASTER_SECRET_SIZE) == 0
                   ? "yes" : "NO");
        printf("the command and the robot's reply crossed protected: %s\n",
               answered ? "yes" : "NO");
    }
    int rc = (cs == SEE_OK && ss == SEE_OK) || tamper ? 0 : 1;
    char outcome[256];
    snprintf(outcome, sizeof outcome, "client: %s; server: %s%s%s",
             cs == SEE_OK ? "handshake done" : see_strerror(cs),
             ss == SEE_OK ? "handshake done" : see_strerror(ss),
             server->alert_sent >= 0 ? ", sent alert " : "",
             server->alert_sent >= 0 ? alert_name((uint8_t)server->alert_sent) : "");
    if (write_pages(&outputs, outcome) != 0)
        rc = 1;
    page_capture_free(&capture);
    demo_pair_free(&pair);
    demo_pki_free(&pki);
    return rc;
}
