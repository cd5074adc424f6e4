/* alex_tls_config.c: TLS settings from certificate and key files. */
#include "robot/alex_tls_config.h"

#include <string.h>

see_status alex_tls_server_setup(alex_tls_setup *s, const char *cert_path,
                                 const char *key_path, const char *ca_path,
                                 char *why, size_t why_len)
{
    memset(s, 0, sizeof *s);
    tls_config_init(&s->cfg);
    tls_files_init(&s->files);
    TRY(tls_files_identity(&s->files, cert_path, key_path, &s->cfg, why, why_len));
    if (ca_path == NULL)
        return SEE_OK;
    TRY(tls_files_trust(&s->files, ca_path, &s->check, why, why_len));
    s->check.for_client = 1;
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
    tls_files_init(&s->files);
    TRY(tls_files_trust(&s->files, ca_path, &s->check, why, why_len));
    s->check.host = server_name;
    if (cert_path != NULL)
        TRY(tls_files_identity(&s->files, cert_path, key_path, &s->cfg, why, why_len));
    s->cfg.verify = tls_x509_verify;
    s->cfg.verify_ctx = &s->check;
    s->cfg.server_name = server_name;
    return SEE_OK;
}

void alex_tls_setup_free(alex_tls_setup *s)
{
    tls_files_free(&s->files);
    memset(s, 0, sizeof *s);
}
