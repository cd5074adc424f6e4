/*
 * seetls.c: the public API (include/seetls/seetls.h) on top of the
 * library: tls_socket (handshake/tls_socket.h) for the connection, pki/
 * for the certificate, key and CA files, tls_x509 for the peer's
 * certificate check.
 *
 * The settings are those of `seetls client` and `seetls server`: the
 * defaults of tls_config_init, the handshake deadline of tls_socket, each
 * read or write within timeout_ms (30 s unless the program says), and the
 * peer's certificate checked against the CA file at the wall clock's time
 * of each handshake.
 */
#include "include/seetls/seetls.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/tls_files.h"
#include "core/util.h"
#include "handshake/alert.h"
#include "handshake/tls_socket.h"
#include "handshake/tls_x509.h"
#include "pki/x509.h"

/* The default wait for one read or write (seetls client/server --timeout). */
#define DEFAULT_TIMEOUT_MS 30000

/* A server's settings, shared read-only by all its connections, or a
 * client connection's own. */
typedef struct {
    tls_config cfg;
    see_rng rng;
    tls_files files;             /* our certificate chain and key, the CA */
    tls_x509_check check;
    char server_name[256];       /* client: the name checked and sent */
} settings;

struct seetls_server {
    int listen_fd;
    unsigned port;
    int timeout_ms;
    settings set;
};

struct seetls_conn {
    tls_socket *sock;
    tls_role role;
    int timeout_ms;
    settings *own;               /* a client's own settings; NULL on a
                                    server's connection */
};

/* --------------------------------------------------------------- errors --- */

const char *seetls_result_text(seetls_result result)
{
    switch (result) {
    case SEETLS_OK: return "success";
    case SEETLS_CLOSED: return "the peer closed the connection";
    case SEETLS_TIMEOUT: return "timed out";
    case SEETLS_CONFIG: return "the program's settings cannot be used";
    case SEETLS_NETWORK: return "the network failed";
    case SEETLS_REFUSED_BY_US: return "we refused the peer";
    case SEETLS_REFUSED_BY_PEER: return "the peer refused us";
    case SEETLS_TAMPERED: return "tampering detected";
    case SEETLS_SYSTEM: return "system failure";
    }
    return "unknown result";
}

const char *seetls_status_text(int status)
{
    return see_strerror((see_status)status);
}

const char *seetls_status_name(int status)
{
    static const char *const names[] = {
#define STATUS_NAME(name, text) #name,
        SEE_STATUS_LIST(STATUS_NAME)
#undef STATUS_NAME
    };
    if (status < 0 || (size_t)status >= sizeof names / sizeof names[0])
        return "unknown";
    return names[status];
}

const char *seetls_alert_name(int alert)
{
    if (alert < 0 || alert > 255)
        return "unknown alert";
    return alert_name((uint8_t)alert);
}

/* Fill *err (when there is one) and return result. */
static seetls_result report(seetls_error *err, seetls_result result,
                            see_status st, int alert_sent,
                            int alert_received, const char *format, ...)
{
    if (err == NULL)
        return result;
    err->result = result;
    err->status = (int)st;
    err->alert_sent = alert_sent;
    err->alert_received = alert_received;
    va_list ap;
    va_start(ap, format);
    vsnprintf(err->text, sizeof err->text, format, ap);
    va_end(ap);
    return result;
}

static seetls_result config_error(seetls_error *err, see_status st,
                                  const char *format, ...)
{
    char line[SEETLS_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, format);
    vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    return report(err, SEETLS_CONFIG, st, -1, -1, "%s", line);
}

/* What a failure of the connection comes to for the program. A fatal
 * alert we sent means we refused the peer (internal_error excepted: our
 * own failure); one we received, that the peer refused us. A bad record
 * MAC, or a Finished that does not match the handshake we saw, means the
 * bytes were altered on the way (RFC 5246 6.2.3.1, 7.4.9); the peer says
 * the same with bad_record_mac. */
static seetls_result result_of(see_status st, int alert_received)
{
    if (st == SEE_ERR_TLS_BAD_FINISHED ||
        tls_tampering_of(st, alert_received) != TLS_NO_TAMPERING)
        return SEETLS_TAMPERED;
    switch (st) {
    case SEE_OK:
        return SEETLS_OK;
    case SEE_ERR_TLS_CLOSE_NOTIFY:
        return SEETLS_CLOSED;
    case SEE_ERR_TIMEOUT:
    case SEE_ERR_DEADLINE:
        return SEETLS_TIMEOUT;
    case SEE_ERR_TLS_ALERT_RECEIVED:
        return SEETLS_REFUSED_BY_PEER;
    case SEE_ERR_TLS_IO:
    case SEE_ERR_TLS_CLOSED:
    case SEE_ERR_CANCELLED:
        return SEETLS_NETWORK;
    case SEE_ERR_ARGUMENT:
        return SEETLS_CONFIG;
    default:
        return alert_for_status(st) == ALERT_INTERNAL_ERROR ? SEETLS_SYSTEM
                                                            : SEETLS_REFUSED_BY_US;
    }
}

/* "the server refused us: ", ... : who refused whom, for the role we play. */
static const char *who_refused(seetls_result result, tls_role role)
{
    int client = role == TLS_ROLE_CLIENT;
    switch (result) {
    case SEETLS_REFUSED_BY_US:
        return client ? "we refused the server: " : "we refused the client: ";
    case SEETLS_REFUSED_BY_PEER:
        return client ? "the server refused us: " : "the client refused us: ";
    case SEETLS_TAMPERED:
        return "tampering detected: ";
    default:
        return "";
    }
}

/* A failure of the connection (handshake, read or write) into *err:
 * context names where ("handshake with 10.0.0.7:50122"), or is "". */
static seetls_result tls_error(seetls_error *err, tls_role role,
                               const tls_failure *f, const char *context)
{
    seetls_result result = result_of(f->status, f->alert_received);
    return report(err, result, f->status, f->alert_sent, f->alert_received,
                  "%s%s%s%s", context, context[0] != '\0' ? ": " : "",
                  who_refused(result, role), f->text);
}

/* ---------------------------------------------------------------- files --- */

/* Our certificate chain and its private key, or the CA file, read by the
 * loader every program of this tree shares (api/tls_files.h); its line
 * naming the file becomes the error's text. */
static seetls_result files_error(seetls_error *err, see_status st, const char *why)
{
    return st == SEE_OK ? SEETLS_OK : config_error(err, st, "%s", why);
}

static seetls_result load_identity(settings *s, const char *cert_path,
                                   const char *key_path, seetls_error *err)
{
    char why[SEETLS_ERROR_TEXT_SIZE];
    see_status st = tls_files_identity(&s->files, cert_path, key_path, &s->cfg,
                                       why, sizeof why);
    return files_error(err, st, why);
}

static seetls_result load_ca(settings *s, const char *ca_path, int for_client,
                             seetls_error *err)
{
    char why[SEETLS_ERROR_TEXT_SIZE];
    see_status st = tls_files_trust(&s->files, ca_path, &s->check, why, sizeof why);
    s->check.for_client = for_client;
    return files_error(err, st, why);
}

static void settings_init(settings *s)
{
    memset(s, 0, sizeof *s);
    tls_config_init(&s->cfg);
    rng_init_system(&s->rng);
    s->cfg.rng = &s->rng;
    tls_files_init(&s->files);
}

static void settings_free(settings *s)
{
    tls_files_free(&s->files);
    rng_wipe(&s->rng);
    see_wipe(s, sizeof *s);
}

static int timeout_or_default(int timeout_ms)
{
    return timeout_ms == 0 ? DEFAULT_TIMEOUT_MS : timeout_ms;
}

/* --------------------------------------------------------------- client --- */

static seetls_result client_settings(settings *s, const char *host,
                                     const seetls_client_options *o, seetls_error *err)
{
    const char *name = o->server_name != NULL ? o->server_name : host;
    if (o->ca_file == NULL)
        return config_error(err, SEE_ERR_ARGUMENT,
                            "no CA file (ca_file) to check the server with");
    if ((o->cert_file == NULL) != (o->key_file == NULL))
        return config_error(err, SEE_ERR_ARGUMENT, "cert_file and key_file go together");
    if (strlen(name) >= sizeof s->server_name)
        return config_error(err, SEE_ERR_ARGUMENT, "the server name is too long");
    strcpy(s->server_name, name);
    seetls_result r = load_ca(s, o->ca_file, 0, err);
    if (r == SEETLS_OK && o->cert_file != NULL)
        r = load_identity(s, o->cert_file, o->key_file, err);
    s->check.host = s->server_name;
    s->cfg.verify = tls_x509_verify;
    s->cfg.verify_ctx = &s->check;
    s->cfg.server_name = s->server_name;
    return r;
}

/* Run role's handshake on a connected socket (closed on failure) within
 * the deadline of tls_socket, then each wait within timeout_ms. */
static seetls_result start(int fd, tls_role role, int timeout_ms,
                           const tls_config *cfg, settings *own,
                           seetls_conn **out, const char *peer, seetls_error *err)
{
    seetls_conn *c = malloc(sizeof *c);
    if (c == NULL) {
        close(fd);
        return report(err, SEETLS_SYSTEM, SEE_ERR_NO_MEMORY, -1, -1, "out of memory");
    }
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, timeout_ms);
    tls_failure failure;
    see_status st = tls_socket_open(fd, role, &limits, cfg, &c->sock, &failure);
    if (st != SEE_OK) {
        free(c);
        char context[300];
        snprintf(context, sizeof context, "handshake with %s", peer);
        return tls_error(err, role, &failure, context);
    }
    c->role = role;
    c->timeout_ms = timeout_ms;
    c->own = own;
    *out = c;
    return report(err, SEETLS_OK, SEE_OK, -1, -1, "%s", "");
}

seetls_result seetls_connect(const char *host, const char *port,
                             const seetls_client_options *options,
                             seetls_conn **out, seetls_error *err)
{
    *out = NULL;
    if (host == NULL || port == NULL || options == NULL)
        return config_error(err, SEE_ERR_ARGUMENT,
                            "seetls_connect: host, port and options are required");
    settings *s = malloc(sizeof *s);
    if (s == NULL)
        return report(err, SEETLS_SYSTEM, SEE_ERR_NO_MEMORY, -1, -1, "out of memory");
    settings_init(s);
    seetls_result r = client_settings(s, host, options, err);
    if (r != SEETLS_OK) {
        settings_free(s);
        free(s);
        return r;
    }
    int timeout_ms = timeout_or_default(options->timeout_ms);
    int fd;
    see_status st = transport_tcp_connect(host, port, timeout_ms, &fd);
    if (st != SEE_OK) {
        settings_free(s);
        free(s);
        return report(err, st == SEE_ERR_TIMEOUT ? SEETLS_TIMEOUT : SEETLS_NETWORK, st,
                      -1, -1, "cannot connect to %s:%s: %s", host, port, see_strerror(st));
    }
    char peer[300];
    snprintf(peer, sizeof peer, "%s:%s", host, port);
    r = start(fd, TLS_ROLE_CLIENT, timeout_ms, &s->cfg, s, out, peer, err);
    if (r != SEETLS_OK) {
        settings_free(s);
        free(s);
    }
    return r;
}

/* --------------------------------------------------------------- server --- */

static seetls_result server_settings(settings *s, const seetls_server_options *o,
                                     seetls_error *err)
{
    if (o->cert_file == NULL || o->key_file == NULL)
        return config_error(err, SEE_ERR_ARGUMENT,
                            "a server needs its certificate and key (cert_file, key_file)");
    seetls_result r = load_identity(s, o->cert_file, o->key_file, err);
    if (r != SEETLS_OK || o->client_ca_file == NULL)
        return r;
    /* 7.4.4: a client certificate is asked for, and required. */
    r = load_ca(s, o->client_ca_file, 1, err);
    s->cfg.verify_client = tls_x509_verify;
    s->cfg.verify_client_ctx = &s->check;
    return r;
}

seetls_result seetls_listen(const char *port, const seetls_server_options *options,
                            seetls_server **out, seetls_error *err)
{
    *out = NULL;
    if (port == NULL || options == NULL)
        return config_error(err, SEE_ERR_ARGUMENT,
                            "seetls_listen: port and options are required");
    seetls_server *srv = malloc(sizeof *srv);
    if (srv == NULL)
        return report(err, SEETLS_SYSTEM, SEE_ERR_NO_MEMORY, -1, -1, "out of memory");
    settings_init(&srv->set);
    srv->timeout_ms = timeout_or_default(options->timeout_ms);
    srv->listen_fd = -1;
    seetls_result r = server_settings(&srv->set, options, err);
    if (r == SEETLS_OK) {
        see_status st = transport_tcp_listen(port, &srv->listen_fd, &srv->port);
        if (st != SEE_OK)
            r = report(err, SEETLS_NETWORK, st, -1, -1, "cannot listen on port %s: %s",
                       port, see_strerror(st));
    }
    if (r != SEETLS_OK) {
        seetls_server_close(srv);
        return r;
    }
    *out = srv;
    return report(err, SEETLS_OK, SEE_OK, -1, -1, "%s", "");
}

unsigned seetls_server_port(const seetls_server *server)
{
    return server->port;
}

seetls_result seetls_accept(seetls_server *server, seetls_conn **out,
                            seetls_error *err)
{
    *out = NULL;
    int fd;
    see_status st = transport_tcp_accept(server->listen_fd, -1, &fd);
    if (st != SEE_OK) {
        seetls_result r = st == SEE_ERR_NO_DESCRIPTORS || st == SEE_ERR_NO_MEMORY
                              ? SEETLS_SYSTEM
                              : SEETLS_NETWORK;
        return report(err, r, st, -1, -1, "accept: %s", see_strerror(st));
    }
    char peer[64];
    transport_tcp_peer_name(fd, peer, sizeof peer);
    return start(fd, TLS_ROLE_SERVER, server->timeout_ms, &server->set.cfg, NULL,
                 out, peer, err);
}

void seetls_server_close(seetls_server *server)
{
    if (server == NULL)
        return;
    if (server->listen_fd >= 0)
        close(server->listen_fd);
    settings_free(&server->set);
    free(server);
}

/* ---------------------------------------------------------- connections --- */

/* A read or write that failed with st, into *err. */
static seetls_result conn_error(const seetls_conn *c, see_status st, seetls_error *err)
{
    tls_failure f;
    tls_failure_get(&c->sock->conn, st, &f);
    return tls_error(err, c->role, &f, "");
}

seetls_result seetls_read(seetls_conn *conn, void *buf, size_t cap, size_t *got,
                          seetls_error *err)
{
    *got = 0;
    if (cap == 0)
        return config_error(err, SEE_ERR_ARGUMENT, "seetls_read: cap must be at least 1");
    see_status st;
    /* A peer's warning that it will not renegotiate answers nothing of
     * ours (we never ask): read on. */
    do
        st = tls_socket_read(conn->sock, buf, cap, conn->timeout_ms, got);
    while (st == SEE_ERR_TLS_NO_RENEGOTIATION);
    if (st == SEE_OK && *got == 0)
        st = SEE_ERR_TIMEOUT; /* tls_socket_read's "nothing came in time" */
    if (st != SEE_OK)
        return conn_error(conn, st, err);
    return report(err, SEETLS_OK, SEE_OK, -1, -1, "%s", "");
}

seetls_result seetls_write(seetls_conn *conn, const void *data, size_t len,
                           seetls_error *err)
{
    see_status st = tls_socket_write(conn->sock, data, len);
    if (st != SEE_OK)
        return conn_error(conn, st, err);
    return report(err, SEETLS_OK, SEE_OK, -1, -1, "%s", "");
}

void seetls_set_timeout(seetls_conn *conn, int timeout_ms)
{
    conn->timeout_ms = timeout_or_default(timeout_ms);
    tls_socket_set_timeout(conn->sock, conn->timeout_ms);
}

void seetls_close(seetls_conn *conn)
{
    if (conn == NULL)
        return;
    tls_socket_close(conn->sock);
    if (conn->own != NULL) {
        settings_free(conn->own);
        free(conn->own);
    }
    free(conn);
}

const char *seetls_peer(const seetls_conn *conn)
{
    return tls_socket_peer(conn->sock);
}

const char *seetls_suite(const seetls_conn *conn)
{
    return tls_suite_name(conn->sock->conn.suite);
}
