/* cmd_client.c: seetls client, a TLS 1.2 client (handshake/tls.h) that
 * checks the server's certificate against a CA file and relays standard
 * input and output, like `openssl s_client`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "pki/x509.h"
#include "cli/tls_cli.h"
#include "handshake/tls_socket.h"
#include "handshake/tls_x509.h"
#include "handshake/transport.h"

#define CMD "client"

static const char help[] =
    "usage: seetls client HOST:PORT --ca FILE [options]\n"
    "Connect with TLS 1.2, check the server's certificate against the CA\n"
    "file for the host name, then copy standard input to the server and\n"
    "what it sends to standard output. After standard input ends, wait\n"
    "--idle ms for more from the server, then close (close_notify).\n"
    "\n"
    "  -C, --connect HOST:PORT  the server (or HOST:PORT as the argument)\n"
    "  -A, --ca, --CAfile FILE  trusted CA certificates (PEM)\n"
    "      --cipher LIST        suites in order, ':'-separated, by OpenSSL's\n"
    "                           names or IANA's: DHE-RSA-AES128-GCM-SHA256,\n"
    "                           DHE-RSA-AES128-SHA256, AES128-GCM-SHA256,\n"
    "                           AES128-SHA256\n"
    "  -n, --servername NAME    the name to check and send as SNI\n"
    "                           (default: HOST)\n"
    "      --cert FILE          our certificate (PEM), sent when the server\n"
    "                           asks for one; --key FILE its private key\n"
    "      --kx KX              key exchange: ecdhe, dhe, rsa, a list of them\n"
    "                           (ecdhe:dhe) or all (default: all, ECDHE first)\n"
    "      --no-ems             do not offer the extended master secret\n"
    "      --no-etm             do not offer encrypt_then_mac\n"
    "      --trace              print every handshake value (RB, RS, PS ...)\n"
    "      --keylog FILE        append the NSS key log line (for Wireshark)\n"
    "      --seed TEXT          INSECURE: reproducible randomness for demos\n"
    "      --idle MS            wait after standard input ends (default 1000)\n"
    "      --timeout MS         give up connecting or a read after MS ms\n"
    "                           (default 30000)\n"
    "  -h, --help               this text\n";

typedef struct {
    char host[256];
    const char *port, *ca, *name, *cert, *key;
    tls_cli_options tls;      /* --kx, --cipher, --trace ... */
    size_t idle, timeout;
} client_opts;

static int split_host_port(const char *text, client_opts *o)
{
    const char *colon = strrchr(text, ':');
    if (colon == NULL || colon == text || colon[1] == '\0' ||
        (size_t)(colon - text) >= sizeof o->host)
        return cli_error(CMD, "--connect: '%s' is not HOST:PORT", text);
    memcpy(o->host, text, (size_t)(colon - text));
    o->host[colon - text] = '\0';
    o->port = colon + 1;
    return 0;
}

/* The options into o: CLI_GO_ON, or the exit status of a usage error. */
static int parse(int argc, char **argv, client_opts *o)
{
    memset(o, 0, sizeof *o);
    o->tls.kx = "all";
    const char *connect = NULL, *idle = "1000", *timeout = "30000";
    const cli_option options[] = {
        CLI_TEXT("connect", 'C', &connect),
        CLI_TEXT("CAfile", 'A', &o->ca),
        CLI_TEXT("ca", 0, &o->ca),
        CLI_TEXT("cipher", 0, &o->tls.cipher),
        CLI_TEXT("cert", 0, &o->cert),
        CLI_TEXT("key", 0, &o->key),
        CLI_TEXT("servername", 'n', &o->name),
        TLS_CLI_OPTION_ROWS(&o->tls),
        CLI_TEXT("idle", 0, &idle),
        CLI_TEXT("timeout", 0, &timeout),
    };
    int status = CLI_PARSE_OPTIONS(CMD, help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (connect == NULL && optind < argc)
        connect = argv[optind++]; /* seetls client HOST:PORT */
    if (connect == NULL || o->ca == NULL)
        return cli_error(CMD, "HOST:PORT and --ca are required (see seetls client --help)");
    if ((o->cert == NULL) != (o->key == NULL))
        return cli_error(CMD, "--cert and --key go together");
    if (cli_refuse_operands(CMD, argc, argv) != 0)
        return 1;
    if (split_host_port(connect, o) != 0 ||
        cli_parse_size(CMD, "idle", idle, 86400000, &o->idle) != 0 ||
        cli_parse_size(CMD, "timeout", timeout, 86400000, &o->timeout) != 0)
        return 1;
    if (o->name == NULL)
        o->name = o->host;
    return CLI_GO_ON;
}

static int run(const client_opts *o, tls_config *cfg)
{
    int fd;
    see_status st = transport_tcp_connect(o->host, o->port, (int)o->timeout, &fd);
    if (st != SEE_OK)
        return cli_error(CMD, "cannot connect to %s:%s: %s", o->host, o->port,
                         see_strerror(st));
    tls_socket *s;
    char why[700];
    if (tls_socket_start(fd, TLS_ROLE_CLIENT, (int)o->timeout, cfg, &s, why,
                         sizeof why) != SEE_OK) {
        return cli_error(CMD, "handshake failed: %s", why);
    }
    const tls_conn *c = &s->conn;
    char negotiated[200];
    tls_cli_negotiated(c, negotiated, sizeof negotiated);
    fprintf(stderr, "seetls client: handshake done: %s; server %s\n", negotiated,
            c->peer_subject);
    int status = tls_cli_relay(CMD, &s->conn, s->fd, (int)o->idle);
    tls_socket_close(s);
    return status;
}

int cmd_client(int argc, char **argv)
{
    client_opts o;
    int rc = parse(argc, argv, &o);
    if (rc != CLI_GO_ON)
        return rc;
    see_rng rng;
    tls_config cfg;
    tls_cli_trace tr;
    tls_cli_start(CMD, &o.tls, &rng, &cfg, &tr);
    tls_files files;
    tls_files_init(&files);
    tls_x509_check check = { .host = o.name };
    cfg.verify = tls_x509_verify;
    cfg.verify_ctx = &check;
    cfg.server_name = o.name;
    tracer t;
    trace_init(&t, tls_cli_on_event, &tr);
    cfg.trace = &t;
    /* --cert/--key: our certificate, sent when the server asks (7.4.6). */
    if (tls_cli_load_trust(CMD, o.ca, &files, &check) != 0 ||
        tls_cli_kx_option(CMD, o.tls.kx, &cfg) != 0 ||
        (o.tls.cipher != NULL && tls_cli_cipher_list(CMD, o.tls.cipher, &cfg) != 0) ||
        (o.cert != NULL && tls_cli_load_identity(CMD, o.cert, o.key, &files, &cfg) != 0) ||
        tls_cli_open_keylog(CMD, o.tls.keylog, &tr.keylog) != 0)
        rc = 1;
    else
        rc = run(&o, &cfg);
    tls_files_free(&files);
    tls_cli_finish(&rng, &tr);
    return rc;
}
