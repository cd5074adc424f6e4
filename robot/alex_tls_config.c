/* alex_tls_config.c: TLS settings from certificate and key files. */
#include "robot/alex_tls_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pki/keyfile.h"
#include "core/util.h"
#include "pki/x509_verify.h"
#include "robot/alex_status.h"

/* The whole file in a new buffer *out: SEE_OK, or ALEX_STATUS_FILE with
 * the reason in why. */
static see_status read_whole(const char *path, uint8_t **out, size_t *len, char *why,
                             size_t why_len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
        return ALEX_STATUS_FILE;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || cap >= (1u << 24))
            break;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
        } else {
            buf = bigger;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (buf == NULL || bad) {
        free(buf);
        snprintf(why, why_len, "%s: cannot read it", path);
        return ALEX_STATUS_FILE;
    }
    *out = buf;
    *len = n;
    return SEE_OK;
}

/* The certificate's key must be the private key's (x509_check_key_pair):
 * refuse to start with files that do not belong together, rather than let
 * every peer see a signature that does not verify. */
static see_status check_key_pair(const alex_tls_setup *s, const char *cert_path,
                                 const char *key_path, char *why, size_t why_len)
{
    see_status st = x509_check_key_pair(s->chain.certs[0].data,
                                        s->chain.certs[0].len, &s->key);
    if (st == SEE_ERR_X509_KEY_MISMATCH)
        snprintf(why, why_len, "%s: its public key does not match the private "
                 "key in %s", cert_path, key_path);
    else if (st != SEE_OK)
        snprintf(why, why_len, "%s: %s", cert_path, alex_strerror(st));
    return st;
}

/* Our own certificate chain and key into s->cfg. */
static see_status load_own(alex_tls_setup *s, const char *cert_path,
                           const char *key_path, char *why, size_t why_len)
{
    size_t len;
    uint8_t *data;
    TRY(read_whole(key_path, &data, &len, why, why_len));
    rsa_private_init(&s->key);
    s->have_key = 1;
    see_status st = keyfile_read_rsa_private(data, len, NULL, &s->key, NULL);
    see_wipe(data, len); /* the private key, as the file holds it */
    free(data);
    if (st != SEE_OK) {
        snprintf(why, why_len, "%s: %s", key_path, alex_strerror(st));
        return st;
    }
    TRY(read_whole(cert_path, &data, &len, why, why_len));
    st = x509_bundle_read(&s->chain, data, len);
    free(data);
    if (st != SEE_OK) {
        snprintf(why, why_len, "%s: %s", cert_path, alex_strerror(st));
        return st;
    }
    s->have_chain = 1;
    if (s->chain.count == 0 || s->chain.count > TLS_MAX_CHAIN) {
        snprintf(why, why_len, "%s: between 1 and %d certificates, please", cert_path,
                 TLS_MAX_CHAIN);
        return SEE_ERR_X509_LIMIT;
    }
    TRY(check_key_pair(s, cert_path, key_path, why, why_len));
    s->cfg.key = &s->key;
    s->cfg.chain.count = s->chain.count;
    for (size_t i = 0; i < s->chain.count; i++) {
        s->cfg.chain.cert[i] = s->chain.certs[i].data;
        s->cfg.chain.cert_len[i] = s->chain.certs[i].len;
    }
    return SEE_OK;
}

/* The time at each verification (tls_x509.h): a robot runs for months. */
static int64_t wall_clock(const void *unused)
{
    (void)unused;
    return (int64_t)time(NULL);
}

/* The CA file the peer's certificate must come from. */
static see_status load_ca(alex_tls_setup *s, const char *ca_path, const char *host,
                          int for_client, char *why, size_t why_len)
{
    TRY(read_whole(ca_path, &s->ca_file, &s->ca_file_len, why, why_len));
    s->check.ca_file = s->ca_file;
    s->check.ca_file_len = s->ca_file_len;
    s->check.host = host;
    s->check.clock = wall_clock;
    s->check.for_client = for_client;
    return SEE_OK;
}

see_status alex_tls_server_setup(alex_tls_setup *s, const char *cert_path,
                                 const char *key_path, const char *ca_path,
                                 char *why, size_t why_len)
{
    memset(s, 0, sizeof *s);
    tls_config_init(&s->cfg);
    TRY(load_own(s, cert_path, key_path, why, why_len));
    if (ca_path == NULL)
        return SEE_OK;
    TRY(load_ca(s, ca_path, NULL, 1, why, why_len));
    s->cfg.verify_client = tls_x509_verify;
    s->cfg.verify_client_ctx = &s->check;
    return SEE_OK;
}

see_status alex_tls_client_setup(alex_tls_setup *s, const char *ca_path,
                                 const char *server_name, const char *cert_path,
                                 const char *key_path, char *why, size_t why_len)
{
    memset(s, 0, sizeof *s);
    tls_config_init(&s->cfg);
    TRY(load_ca(s, ca_path, server_name, 0, why, why_len));
    if (cert_path != NULL)
        TRY(load_own(s, cert_path, key_path, why, why_len));
    s->cfg.verify = tls_x509_verify;
    s->cfg.verify_ctx = &s->check;
    s->cfg.server_name = server_name;
    return SEE_OK;
}

void alex_tls_setup_free(alex_tls_setup *s)
{
    if (s->have_key)
        rsa_private_clear(&s->key);
    if (s->have_chain)
        x509_bundle_free(&s->chain);
    free(s->ca_file);
    memset(s, 0, sizeof *s);
}
