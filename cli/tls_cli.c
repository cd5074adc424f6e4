/* tls_cli.c: the shared parts of seetls server and seetls client (see
 * tls_cli.h). */
#include "cli/tls_cli.h"

#include "handshake/key_exchange.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/keys.h"
#include "codec/hex.h"
#include "core/util.h"
#include "pki/x509_verify.h"

static void print_hex_line(FILE *f, const uint8_t *b, size_t n)
{
    size_t shown = n > 48 ? 48 : n;
    for (size_t i = 0; i < shown; i++)
        fprintf(f, "%02x", b[i]);
    if (shown < n)
        fprintf(f, "... (%zu bytes)", n);
}

void tls_cli_on_event(void *ctx, const trace_event *e)
{
    tls_cli_trace *t = ctx;
    if (strcmp(e->name, "RB") == 0 && e->len == TLS_RANDOM_SIZE) {
        memcpy(t->rb, e->bytes, TLS_RANDOM_SIZE);
        t->have_rb = 1;
    }
    if (t->keylog != NULL && t->have_rb && e->len == TLS_MASTER_SECRET_SIZE &&
        strcmp(e->name, "MASTER SECRET") == 0) {
        char rb[2 * TLS_RANDOM_SIZE + 1], master[2 * TLS_MASTER_SECRET_SIZE + 1];
        see_hex_encode(t->rb, TLS_RANDOM_SIZE, rb);
        see_hex_encode(e->bytes, TLS_MASTER_SECRET_SIZE, master);
        fprintf(t->keylog, "CLIENT_RANDOM %s %s\n", rb, master);
        fflush(t->keylog);
        see_wipe(master, sizeof master);
    }
    if (t->print) {
        fprintf(stderr, "%3u %-6s %-18s ", e->step, trace_party_name(e->sender),
                e->name);
        print_hex_line(stderr, e->bytes, e->len);
        fprintf(stderr, "  (%s)\n", e->explain);
    }
}

int tls_cli_open_keylog(const char *command, const char *path, FILE **out)
{
    *out = NULL;
    if (path == NULL) {
        path = getenv("SSLKEYLOGFILE");
        if (path == NULL || path[0] == '\0')
            return 0;
    }
    *out = fopen(path, "a");
    if (*out == NULL) {
        cli_error(command, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Copy what the peer sent to stdout; 1 when the peer has closed. */
static int relay_from_peer(const char *command, tls_conn *c, int *status)
{
    uint8_t buf[TLS_MAX_PLAINTEXT];
    size_t got;
    see_status st = tls_read(c, buf, sizeof buf, &got);
    if (st == SEE_OK) {
        fwrite(buf, 1, got, stdout);
        fflush(stdout);
        return 0;
    }
    if (st == SEE_ERR_TLS_NO_RENEGOTIATION)
        return 0;
    if (st == SEE_ERR_TLS_CLOSE_NOTIFY) {
        *status = 0;
    } else {
        char why[200];
        tls_failure_text(c, st, why, sizeof why);
        *status = cli_error(command, "%s", why);
    }
    return 1;
}

int tls_cli_relay(const char *command, tls_conn *c, int fd, int idle_ms)
{
    int stdin_open = 1, status = 0;
    for (;;) {
        struct pollfd p[2] = { { fd, POLLIN, 0 }, { 0, POLLIN, 0 } };
        int n = poll(p, stdin_open ? 2 : 1, stdin_open ? -1 : idle_ms);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return cli_error(command, "poll: %s", strerror(errno));
        if (n == 0)
            break; /* idle after the end of standard input */
        if (stdin_open && (p[1].revents & (POLLIN | POLLHUP))) {
            uint8_t buf[4096];
            ssize_t r = read(0, buf, sizeof buf);
            if (r <= 0)
                stdin_open = 0;
            else if (tls_write(c, buf, (size_t)r) != SEE_OK)
                return cli_error(command, "sending failed");
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (relay_from_peer(command, c, &status))
                break;
        }
    }
    tls_close(c);
    return status;
}

/* The key exchange of a --kx name, or NULL for a name we do not know. */
static const tls_key_exchange *kx_named(const char *name, size_t len)
{
    static const struct {
        const char *name;
        const tls_key_exchange *kx;
    } kxs[] = {
        { "ecdhe", &kx_ecdhe },
        { "dhe", &kx_dhe },
        { "rsa", &kx_rsa },
    };
    for (size_t i = 0; i < sizeof kxs / sizeof kxs[0]; i++)
        if (strlen(kxs[i].name) == len && strncmp(kxs[i].name, name, len) == 0)
            return kxs[i].kx;
    return NULL;
}

int tls_cli_kx_option(const char *command, const char *name, tls_config *cfg)
{
    if (strcmp(name, "all") == 0)
        name = "ecdhe:dhe:rsa"; /* forward secrecy first */
    else if (strcmp(name, "both") == 0)
        name = "dhe:rsa"; /* the name before ECDHE: the two it had */
    /* our order of preference, as tls_config_init makes it (AEAD first;
     * ChaCha20 before AES-GCM without AES instructions) */
    tls_config ours;
    tls_config_init(&ours);
    size_t count = 0;
    for (const char *p = name; *p != '\0';) {
        size_t n = strcspn(p, ":");
        const tls_key_exchange *kx = kx_named(p, n);
        if (kx == NULL)
            return cli_error(command, "--kx: '%s' is not ecdhe, dhe, rsa, a "
                             "':'-separated list of them, or all", name), -1;
        /* every suite of that key exchange, in that order */
        for (size_t i = 0; i < ours.suite_count; i++)
            if (tls_suite_find(ours.suites[i])->kx == kx && count < TLS_MAX_SUITES)
                cfg->suites[count++] = ours.suites[i];
        p += n;
        if (*p == ':')
            p++;
    }
    if (count == 0)
        return cli_error(command, "--kx: no key exchange named"), -1;
    cfg->suite_count = count;
    return 0;
}

/* "known: DHE-RSA-AES128-SHA256, AES128-SHA256", from the one table. */
static void known_suites(char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < tls_suite_count && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i > 0 ? ", " : "",
                                tls_suites[i].openssl_name);
}

int tls_cli_cipher_list(const char *command, const char *list, tls_config *cfg)
{
    size_t count = 0;
    const char *p = list;
    while (*p != '\0') {
        size_t n = strcspn(p, ":");
        const tls_suite *suite = tls_suite_named(p, n);
        if (suite == NULL) {
            char known[256];
            known_suites(known, sizeof known);
            return cli_error(command, "--cipher: unknown suite '%.*s' (known: %s, "
                                      "or their IANA names)", (int)n, p, known),
                   -1;
        }
        if (count == TLS_MAX_SUITES)
            return cli_error(command, "--cipher: too many suites"), -1;
        cfg->suites[count++] = suite->id;
        p += n;
        if (*p == ':')
            p++;
    }
    if (count == 0)
        return cli_error(command, "--cipher: no suite named"), -1;
    cfg->suite_count = count;
    return 0;
}

void tls_cli_init_rng(const char *command, const char *seed, see_rng *rng)
{
    if (seed == NULL) {
        rng_init_system(rng);
        return;
    }
    fprintf(stderr, "seetls %s: WARNING: --seed makes every secret predictable; "
                    "for class demos only\n", command);
    rng_init_seeded(rng, seed, strlen(seed));
}

void tls_cli_start(const char *command, const tls_cli_options *o, see_rng *rng,
                   tls_config *cfg, tls_cli_trace *trace)
{
    tls_cli_init_rng(command, o->seed, rng);
    tls_config_init(cfg);
    cfg->rng = rng;
    cfg->extended_master_secret = !o->no_ems;
    cfg->encrypt_then_mac = !o->no_etm;
    memset(trace, 0, sizeof *trace);
    trace->print = o->trace;
}

void tls_cli_negotiated(const tls_conn *c, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s%s", tls_suite_name(c->suite),
             c->ems ? ", extended master secret" : "",
             c->etm ? ", encrypt_then_mac" : "");
}

void tls_cli_finish(see_rng *rng, tls_cli_trace *trace)
{
    if (trace->keylog != NULL)
        fclose(trace->keylog);
    trace->keylog = NULL;
    rng_wipe(rng);
}

int tls_cli_load_identity(const char *command, const char *cert_path,
                          const char *key_path, tls_files *files,
                          tls_config *cfg)
{
    char why[600];
    if (tls_files_identity(files, cert_path, key_path, cfg, why, sizeof why) != SEE_OK)
        return cli_error(command, "%s", why), -1;
    return 0;
}

int tls_cli_load_trust(const char *command, const char *ca_path,
                       tls_files *files, tls_x509_check *check)
{
    char why[600];
    if (tls_files_trust(files, ca_path, check, why, sizeof why) != SEE_OK)
        return cli_error(command, "%s", why), -1;
    return 0;
}
