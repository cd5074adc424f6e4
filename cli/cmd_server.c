/* cmd_server.c: seetls server, a TLS 1.2 server (handshake/tls.h):
 * relaying standard input and output for one connection like
 * `openssl s_server`, or echoing or answering HTTP for many at once. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/tls_cli.h"
#include "pki/keyfile.h"
#include "pki/x509.h"
#include "handshake/tls_socket.h"
#include "handshake/tls_x509.h"
#include "handshake/transport.h"

#define CMD "server"

static const char help[] =
    "usage: seetls server --cert FILE --key FILE [options]\n"
    "Accept a TLS 1.2 connection, then copy standard input to the client\n"
    "and what the client sends to standard output, until it closes; or\n"
    "with --echo send back what the client sends, with --www answer an\n"
    "HTTP GET with a page naming what was negotiated (many connections at\n"
    "once, each in its own thread; one after another with --seed; one\n"
    "with --once).\n"
    "Suites, our preference first (forward secrecy, then AEAD), by\n"
    "OpenSSL's names: ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-CHACHA20-POLY1305,\n"
    "DHE-RSA-AES128-GCM-SHA256, DHE-RSA-AES128-SHA256, AES128-GCM-SHA256,\n"
    "AES128-SHA256.\n"
    "\n"
    "  -p, --port PORT      port to listen on (default 4433; 0 picks one\n"
    "                       and prints it)\n"
    "  -c, --cert FILE      certificate chain, PEM (own certificate first)\n"
    "  -k, --key FILE       its RSA private key (PKCS#1 or PKCS#8)\n"
    "      --verify-client  require a client certificate (mutual\n"
    "      --ca FILE        authentication) issued by a CA in FILE\n"
    "      --verify-client-optional  with --ca instead of --verify-client:\n"
    "                       ask for one, check the one sent, and let a\n"
    "                       client without any in, unauthenticated\n"
    "      --cipher LIST    suites in order, ':'-separated, by OpenSSL's\n"
    "                       names above or IANA's\n"
    "      --groups LIST    groups by name, ':'-separated, in order of\n"
    "                       preference: x25519 (ECDHE) and RFC 7919's five\n"
    "                       (DHE), e.g. x25519:ffdhe3072 (default: x25519 and\n"
    "                       the three smallest, 2048 to 4096 bits; an unknown\n"
    "                       name is answered with the list). A client that\n"
    "                       lists groups gets one of these, or no DHE/ECDHE\n"
    "      --dhparam FILE   DH group for clients that list no group (default:\n"
    "                       the first of --groups)\n"
    "      --kx KX          the key exchange: ecdhe, dhe, rsa, a list of them\n"
    "                       (ecdhe:dhe) or all (default: all, ECDHE first)\n"
    "      --no-ems         do not accept the extended master secret\n"
    "      --no-etm         do not accept encrypt_then_mac\n"
    "      --echo           send back what the client sends\n"
    "      --www            answer an HTTP request with a small page\n"
    "      --once           serve one connection, then exit\n"
    "      --trace          print every handshake value (RB, RS, PS, I_B ...)\n"
    "      --keylog FILE    append the NSS key log line (for Wireshark)\n"
    "      --seed TEXT      INSECURE: reproducible randomness for class demos\n"
    "      --timeout MS     give up a read after MS ms (default 30000)\n"
    "      --handshake-timeout MS  cut a handshake not done after MS ms,\n"
    "                       however the client paces its bytes (default 10000)\n"
    "      --max-conns N    --echo, --www: serve N connections at once at\n"
    "                       most; close more at once (default 64)\n"
    "  -h, --help           this text\n";

typedef struct {
    const char *port, *cert, *key, *ca, *dhparam, *groups;
    tls_cli_options tls;      /* --kx, --cipher, --trace ... */
    int echo, www, once, verify_client, verify_client_optional;
    size_t timeout, handshake_timeout, max_conns;
} server_opts;

/* The options into o: CLI_GO_ON, or the exit status of a usage error. */
static int parse(int argc, char **argv, server_opts *o)
{
    memset(o, 0, sizeof *o);
    o->port = "4433";
    o->tls.kx = "all";
    const char *timeout = "30000", *handshake_timeout = "10000", *max_conns = "64";
    const cli_option options[] = {
        CLI_TEXT("port", 'p', &o->port),
        CLI_TEXT("cert", 'c', &o->cert),
        CLI_TEXT("key", 'k', &o->key),
        CLI_TEXT("ca", 0, &o->ca),
        CLI_FLAG("verify-client", 0, &o->verify_client),
        CLI_FLAG("verify-client-optional", 0, &o->verify_client_optional),
        CLI_TEXT("cipher", 0, &o->tls.cipher),
        CLI_TEXT("dhparam", 0, &o->dhparam),
        CLI_TEXT("groups", 0, &o->groups),
        CLI_FLAG("echo", 0, &o->echo),
        CLI_FLAG("www", 0, &o->www),
        CLI_FLAG("once", 0, &o->once),
        TLS_CLI_OPTION_ROWS(&o->tls),
        CLI_TEXT("timeout", 0, &timeout),
        CLI_TEXT("handshake-timeout", 0, &handshake_timeout),
        CLI_TEXT("max-conns", 0, &max_conns),
    };
    int status = CLI_PARSE_OPTIONS(CMD, help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (o->cert == NULL || o->key == NULL)
        return cli_error(CMD, "--cert and --key are required (see seetls server --help)");
    if (o->verify_client && o->verify_client_optional)
        return cli_error(CMD, "choose one of --verify-client and --verify-client-optional");
    if ((o->ca != NULL) != (o->verify_client || o->verify_client_optional))
        return cli_error(CMD, "--verify-client (or --verify-client-optional) and --ca go together");
    if (cli_refuse_operands(CMD, argc, argv) != 0)
        return 1;
    if (cli_parse_size(CMD, "timeout", timeout, 86400000, &o->timeout) != 0 ||
        cli_parse_size(CMD, "handshake-timeout", handshake_timeout, 86400000,
                       &o->handshake_timeout) != 0 ||
        cli_parse_size(CMD, "max-conns", max_conns, 10000, &o->max_conns) != 0)
        return 1;
    if (o->handshake_timeout == 0 || o->max_conns == 0)
        return cli_error(CMD, "--handshake-timeout and --max-conns must be at least 1");
    return CLI_GO_ON;
}

/* The groups for --groups, by name ("x25519", "ffdhe3072"), in the order
 * given. */
static int set_groups(tls_config *cfg, const char *list)
{
    char copy[256];
    if (list == NULL)
        return 0; /* the defaults */
    if (strlen(list) >= sizeof copy)
        return cli_error(CMD, "--groups: list too long");
    strcpy(copy, list);
    cfg->group_count = 0;
    for (char *save = NULL, *name = strtok_r(copy, ":", &save); name != NULL;
         name = strtok_r(NULL, ":", &save)) {
        uint16_t id;
        char names[200];
        if (strcmp(name, "x25519") == 0)
            id = TLS_GROUP_X25519;
        else if (dh_tls_id_by_name(name, &id) != SEE_OK)
            return cli_error(CMD, "--groups: '%s' is not x25519, %s", name,
                             dh_group_names(DH_NAMES_TLS, names, sizeof names));
        if (cfg->group_count == TLS_MAX_GROUPS)
            return cli_error(CMD, "--groups: more than %d groups", TLS_MAX_GROUPS);
        cfg->groups[cfg->group_count++] = id;
    }
    if (cfg->group_count == 0)
        return cli_error(CMD, "--groups: no group named");
    return 0;
}

typedef struct {
    tls_files files;          /* our certificate chain and key, --ca */
    dh_group group;
    int have_group;
} server_files;

static int load_files(const server_opts *o, see_rng *rng, server_files *f,
                      tls_config *cfg)
{
    if (tls_cli_load_identity(CMD, o->cert, o->key, &f->files, cfg) != 0)
        return 1;
    uint8_t *data;
    size_t len;
    see_status st;
    if (o->dhparam != NULL) {
        if (cli_read_file(CMD, o->dhparam, &data, &len) != 0)
            return 1;
        st = keyfile_read_dh_params(data, len, 0, rng, &f->group, NULL);
        free(data);
        if (st != SEE_OK)
            return cli_error(CMD, "%s: %s", o->dhparam, see_strerror(st));
        cfg->dh_group = &f->group;
    }
    return 0;
}

/* ------------------------------------------------- serving connections --- */

/* Threads print whole lines, and the trace and key log lines of two
 * connections must not interleave: one lock for all output. */
static pthread_mutex_t output_lock = PTHREAD_MUTEX_INITIALIZER;

/* One line on standard error, "seetls server: ...". Returns 1. */
static int say(const char *format, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    pthread_mutex_lock(&output_lock);
    fprintf(stderr, "seetls %s: %s\n", CMD, line);
    pthread_mutex_unlock(&output_lock);
    return 1;
}

/* What every connection shares: read only once serving starts, but for
 * the count of connections open, under its lock. */
typedef struct {
    const server_opts *o;
    const tls_config *cfg;
    tls_cli_trace trace;      /* the template: --trace, the key log file */
    pthread_mutex_t lock;
    int open;                 /* connections being served */
} server;

/* One connection's own: its copy of the configuration, whose tracer (the
 * step count) and key log state (the last RB seen) are this connection's
 * alone; the rest of the copy points at what every connection shares. */
typedef struct {
    server *srv;
    int fd;
    char peer[64];
    tls_config cfg;
    tracer tracer;
    tls_cli_trace trace;
} connection;

static void on_event(void *ctx, const trace_event *e)
{
    connection *c = ctx;
    pthread_mutex_lock(&output_lock);
    tls_cli_on_event(&c->trace, e);
    pthread_mutex_unlock(&output_lock);
}

static void connection_init(connection *c, server *srv, int fd)
{
    memset(c, 0, sizeof *c);
    c->srv = srv;
    c->fd = fd;
    transport_tcp_peer_name(fd, c->peer, sizeof c->peer);
    c->cfg = *srv->cfg;
    c->trace = srv->trace;
    trace_init(&c->tracer, on_event, c);
    c->cfg.trace = &c->tracer;
}

/* --echo: send back everything the client sends, until it closes. */
static int echo(tls_conn *c)
{
    uint8_t buf[16384];
    size_t got;
    see_status st;
    while ((st = tls_read(c, buf, sizeof buf, &got)) == SEE_OK)
        if (got > 0 && tls_write(c, buf, got) != SEE_OK)
            return say("sending failed");
    tls_close(c);
    return st == SEE_ERR_TLS_CLOSE_NOTIFY ? 0 : say("%s", see_strerror(st));
}

/* The longest request --www reads to its blank line: a browser sends one
 * or two kilobytes; a request may hold a record's worth of headers and
 * more (tlsfuzzer sends 2^14 bytes), so the request is scanned, not kept. */
#define WWW_MAX_REQUEST 65536

/* 1 once the bytes read so far end the request's head with a blank line:
 * "\r\n\r\n" (its last three bytes "\n\r\n"), or "\n\n" from a sloppy
 * client. *last holds the last bytes seen, from one read to the next. */
static int head_ends(uint32_t *last, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        *last = (*last << 8) | p[i];
        if ((*last & 0xffff) == 0x0a0a || (*last & 0xffffff) == 0x0a0d0a)
            return 1;
    }
    return 0;
}

/* --www: answer one HTTP request with a page naming what was negotiated,
 * head and page in one record (as openssl s_server -www does). The request
 * ends at its blank line; a client that closes or fails before that, or
 * sends more than WWW_MAX_REQUEST bytes without one, gets no page. */
static int www(tls_conn *c)
{
    uint8_t buf[4096];
    uint32_t last = 0;
    size_t have = 0, got;
    int complete = 0;
    while (!complete && have < WWW_MAX_REQUEST &&
           tls_read(c, buf, sizeof buf, &got) == SEE_OK) {
        have += got;
        complete = head_ends(&last, buf, got);
    }
    if (!complete) {
        tls_close(c);
        return 0;
    }
    char rb[2 * TLS_RANDOM_SIZE + 1], kx[80], page[2048], answer[2400];
    for (int i = 0; i < TLS_RANDOM_SIZE; i++)
        snprintf(rb + 2 * i, 3, "%02x", c->rb[i]);
    tls_key_exchange_text(c, kx, sizeof kx);
    int n = snprintf(page, sizeof page,
                     "<!DOCTYPE html>\n<html><head><title>seetls</title></head><body>\n"
                     "<h1>Hello from seetls</h1>\n<p>This page came over our own TLS 1.2.</p>\n"
                     "<ul>\n<li>cipher suite: %s</li>\n<li>key exchange: %s</li>\n"
                     "<li>extended master secret: %s</li>\n"
                     "<li>encrypt_then_mac: %s</li>\n<li>client certificate: %s</li>\n"
                     "<li>RB (your random): %s</li>\n</ul>\n</body></html>\n",
                     tls_suite_name(c->suite), kx, c->ems ? "yes" : "no",
                     c->etm ? "yes" : "no", c->peer_subject[0] ? c->peer_subject : "none", rb);
    int h = snprintf(answer, sizeof answer,
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                     "Content-Length: %d\r\nConnection: close\r\n\r\n%s", n, page);
    int ok = h > 0 && (size_t)h < sizeof answer &&
             tls_write(c, (const uint8_t *)answer, (size_t)h) == SEE_OK;
    tls_close(c);
    return ok ? 0 : say("sending the page failed");
}

/* One accepted connection: the handshake, within its deadline, then relay,
 * echo or answer. */
static int serve_connection(connection *cn)
{
    const server_opts *o = cn->srv->o;
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, (int)o->timeout);
    limits.handshake_ms = (int)o->handshake_timeout;
    tls_socket *s;
    char why[600];
    see_status st = tls_socket_start_with(cn->fd, TLS_ROLE_SERVER, &limits, &cn->cfg, &s,
                                          why, sizeof why);
    if (st == SEE_ERR_DEADLINE)
        return say("handshake failed: %s (%zu ms); closed %s", why, o->handshake_timeout,
                   cn->peer);
    if (st != SEE_OK)
        return say("handshake failed: %s", why);
    tls_conn *c = &s->conn;
    char negotiated[200];
    tls_cli_negotiated(c, negotiated, sizeof negotiated);
    say("handshake done: %s%s%s", negotiated, c->peer_subject[0] ? "; client " : "",
        c->peer_subject);
    int status = o->echo ? echo(c) : o->www ? www(c) : tls_cli_relay(CMD, c, s->fd, -1);
    tls_socket_close(s);
    return status;
}

/* Accept the next connection. Out of descriptors (or socket memory), wait
 * 100 ms and try again rather than spin: the listening socket stays
 * readable while the connection waits in its queue, and it is taken as
 * soon as a descriptor is free. Any other failure ends a server that
 * serves one connection at a time; a concurrent one (keep_trying) must not
 * return while its threads use the configuration, so it tries again too. */
static int accept_next(int lfd, int keep_trying, int *fd)
{
    int said = 0;
    for (;;) {
        see_status st = transport_tcp_accept(lfd, -1, fd);
        if (st == SEE_OK)
            return 0;
        int resources = st == SEE_ERR_NO_DESCRIPTORS || st == SEE_ERR_NO_MEMORY;
        if (!resources && !keep_trying)
            return say("accept: %s", see_strerror(st));
        if (!said)
            say("accept: %s; trying again every 100 ms", see_strerror(st));
        said = 1;
        struct timespec pause = { 0, 100 * 1000000L };
        nanosleep(&pause, NULL);
    }
}

static void *connection_thread(void *arg)
{
    connection *cn = arg;
    server *srv = cn->srv;
    serve_connection(cn);
    free(cn);
    pthread_mutex_lock(&srv->lock);
    srv->open--;
    pthread_mutex_unlock(&srv->lock);
    return NULL;
}

/* Serve fd in a thread of its own, unless --max-conns are open already:
 * then close it at once (the client sees the connection closed). */
static void serve_in_thread(server *srv, int fd)
{
    pthread_mutex_lock(&srv->lock);
    int room = srv->open < (int)srv->o->max_conns;
    if (room)
        srv->open++;
    pthread_mutex_unlock(&srv->lock);
    connection *cn = room ? malloc(sizeof *cn) : NULL;
    if (cn != NULL) {
        connection_init(cn, srv, fd);
        pthread_t thread;
        if (pthread_create(&thread, NULL, connection_thread, cn) == 0) {
            pthread_detach(thread);
            return;
        }
        free(cn);
    }
    char peer[64];
    transport_tcp_peer_name(fd, peer, sizeof peer);
    close(fd);
    if (room) {
        pthread_mutex_lock(&srv->lock);
        srv->open--;
        pthread_mutex_unlock(&srv->lock);
        say("refused %s: cannot start a thread for it", peer);
    } else {
        say("refused %s: %zu connections open already (--max-conns)", peer,
            srv->o->max_conns);
    }
}

/* Standard input can be relayed once, --once serves one connection, and
 * with --seed the connections are served one after another, so that a
 * demo's randomness comes out in one order (one DRBG, not thread-safe);
 * otherwise --echo and --www serve each connection in its own thread. */
static int serve(const server_opts *o, const tls_config *cfg, const tls_cli_trace *trace)
{
    int lfd;
    unsigned port;
    if (transport_tcp_listen(o->port, &lfd, &port) != SEE_OK)
        return cli_error(CMD, "cannot listen on port %s", o->port);
    if (strcmp(o->port, "0") == 0) {
        printf("%u\n", port);
        fflush(stdout);
    }
    server srv = { .o = o, .cfg = cfg, .trace = *trace, .open = 0 };
    pthread_mutex_init(&srv.lock, NULL);
    int again = (o->echo || o->www) && !o->once;
    int concurrent = again && o->tls.seed == NULL;
    int status, fd;
    do {
        status = accept_next(lfd, concurrent, &fd);
        if (status != 0)
            break;
        if (concurrent) {
            serve_in_thread(&srv, fd);
            continue;
        }
        connection cn;
        connection_init(&cn, &srv, fd);
        status = serve_connection(&cn);
    } while (again);
    close(lfd); /* not reached by a concurrent server */
    return status;
}

int cmd_server(int argc, char **argv)
{
    server_opts o;
    int rc = parse(argc, argv, &o);
    if (rc != CLI_GO_ON)
        return rc;
    see_rng rng;
    tls_config cfg;
    tls_cli_trace tr; /* each connection traces through its own tracer (serve) */
    tls_cli_start(CMD, &o.tls, &rng, &cfg, &tr);
    if (tls_cli_kx_option(CMD, o.tls.kx, &cfg) != 0 ||
        set_groups(&cfg, o.groups) != 0 ||
        (o.tls.cipher != NULL && tls_cli_cipher_list(CMD, o.tls.cipher, &cfg) != 0) ||
        tls_cli_open_keylog(CMD, o.tls.keylog, &tr.keylog) != 0) {
        tls_cli_finish(&rng, &tr);
        return 1;
    }

    server_files f;
    memset(&f, 0, sizeof f);
    tls_files_init(&f.files);
    dh_group_init(&f.group);
    rc = load_files(&o, &rng, &f, &cfg);
    /* --ca: the client must show a certificate from that CA (7.4.4), or
     * with --verify-client-optional may show none. */
    tls_x509_check client_check;
    memset(&client_check, 0, sizeof client_check);
    if (rc == 0 && o.ca != NULL) {
        rc = tls_cli_load_trust(CMD, o.ca, &f.files, &client_check) != 0;
        client_check.for_client = 1;
        cfg.verify_client = tls_x509_verify;
        cfg.verify_client_ctx = &client_check;
        cfg.client_certificate_optional = o.verify_client_optional;
    }
    if (rc == 0)
        rc = serve(&o, &cfg, &tr);
    tls_files_free(&f.files);
    dh_group_clear(&f.group);
    tls_cli_finish(&rng, &tr);
    return rc;
}
