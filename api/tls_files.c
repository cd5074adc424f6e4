/* tls_files.c: certificate, key and CA files for TLS (see tls_files.h). */
#include "api/tls_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fdio.h"
#include "core/util.h"
#include "pki/keyfile.h"

/* The largest certificate, key or CA file read (a CA bundle of a whole
 * system is about 200 KB). */
#define MAX_FILE_SIZE (16u << 20)

/* The whole of path in a new buffer (file_read_whole: no stdio copy of
 * a key), or SEE_ERR_FILE with the reason in why. */
static see_status read_file(const char *path, uint8_t **data, size_t *len,
                            char *why, size_t why_len)
{
    if (file_read_whole(path, MAX_FILE_SIZE, data, len) == 0)
        return SEE_OK;
    if (errno == EINVAL || errno == EFBIG)
        snprintf(why, why_len, "%s: not a regular file of at most %u bytes",
                 path, MAX_FILE_SIZE);
    else
        snprintf(why, why_len, "%s: %s", path, strerror(errno));
    return errno == ENOMEM ? SEE_ERR_NO_MEMORY : SEE_ERR_FILE;
}

/* st, with "path: what st means" in why when it is a failure. */
static see_status about(see_status st, const char *path, char *why,
                        size_t why_len)
{
    if (st != SEE_OK)
        snprintf(why, why_len, "%s: %s", path, see_strerror(st));
    return st;
}

void tls_files_init(tls_files *f)
{
    memset(f, 0, sizeof *f);
}

static see_status read_key(tls_files *f, const char *key_path, char *why,
                           size_t why_len)
{
    uint8_t *data;
    size_t len;
    TRY(read_file(key_path, &data, &len, why, why_len));
    rsa_private_init(&f->key);
    f->have_key = 1;
    keyfile_info info;
    see_status st = keyfile_read_rsa_private(data, len, NULL, &f->key, &info);
    see_wipe(data, len); /* the private key, as the file holds it */
    free(data);
    if (st != SEE_OK && info.der.error != SEE_OK) {
        snprintf(why, why_len, "%s: %s (at byte %zu of the DER)", key_path,
                 see_strerror(st), info.der.error_offset);
        return st;
    }
    return about(st, key_path, why, why_len);
}

static see_status read_chain(tls_files *f, const char *cert_path, char *why,
                             size_t why_len)
{
    uint8_t *data;
    size_t len;
    TRY(read_file(cert_path, &data, &len, why, why_len));
    see_status st = x509_bundle_read(&f->chain, data, len);
    free(data);
    TRY(about(st, cert_path, why, why_len));
    if (f->chain.count == 0 || f->chain.count > TLS_MAX_CHAIN) {
        snprintf(why, why_len, "%s: 1 to %d certificates, please", cert_path,
                 TLS_MAX_CHAIN);
        return SEE_ERR_X509_LIMIT;
    }
    return SEE_OK;
}

see_status tls_files_identity(tls_files *f, const char *cert_path,
                              const char *key_path, tls_config *cfg,
                              char *why, size_t why_len)
{
    TRY(read_key(f, key_path, why, why_len));
    TRY(read_chain(f, cert_path, why, why_len));
    see_status st = x509_check_key_pair(f->chain.certs[0].data,
                                        f->chain.certs[0].len, &f->key);
    if (st == SEE_ERR_X509_KEY_MISMATCH) {
        snprintf(why, why_len, "%s: its public key does not match the private "
                 "key in %s", cert_path, key_path);
        return st;
    }
    TRY(about(st, cert_path, why, why_len));
    cfg->key = &f->key;
    cfg->chain.count = f->chain.count;
    for (size_t i = 0; i < f->chain.count; i++) {
        cfg->chain.cert[i] = f->chain.certs[i].data;
        cfg->chain.cert_len[i] = f->chain.certs[i].len;
    }
    return SEE_OK;
}

see_status tls_files_trust(tls_files *f, const char *ca_path,
                           tls_x509_check *check, char *why, size_t why_len)
{
    TRY(read_file(ca_path, &f->ca_file, &f->ca_file_len, why, why_len));
    x509_bundle anchors;
    memset(&anchors, 0, sizeof anchors);
    see_status st = x509_bundle_read(&anchors, f->ca_file, f->ca_file_len);
    x509_bundle_free(&anchors);
    TRY(about(st, ca_path, why, why_len));
    check->ca_file = f->ca_file;
    check->ca_file_len = f->ca_file_len;
    check->clock = tls_clock_wall;
    return SEE_OK;
}

void tls_files_free(tls_files *f)
{
    if (f->have_key)
        rsa_private_clear(&f->key);
    x509_bundle_free(&f->chain);
    free(f->ca_file);
    see_wipe(f, sizeof *f);
}

int64_t tls_clock_wall(const void *unused)
{
    (void)unused;
    return (int64_t)time(NULL);
}
