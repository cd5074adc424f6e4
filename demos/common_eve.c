/* common_eve.c: the recorded session and Eve (see common_eve.h). */
#include "demos/common_eve.h"

#include "demos/common_pki.h"
#include "handshake/key_exchange.h"

/* ---------------------------------------------------------- the wire --- */

/* One side's tap: what it writes is copied to its direction of the wire,
 * then passed on unchanged. */
typedef struct {
    wire *w;
    int dir;
} wire_recorder;

static see_status record_and_pass(void *ctx, const transport *inner,
                                  const uint8_t *buf, size_t len)
{
    wire_recorder *r = ctx;
    pthread_mutex_lock(&r->w->lock);
    if (r->w->len[r->dir] + len <= WIRE_CAP) {
        memcpy(r->w->dir[r->dir] + r->w->len[r->dir], buf, len);
        r->w->len[r->dir] += len;
    }
    pthread_mutex_unlock(&r->w->lock);
    return transport_write(inner, buf, len);
}

int wire_init(wire *w)
{
    pthread_mutex_init(&w->lock, NULL);
    w->dir[0] = malloc(WIRE_CAP);
    w->dir[1] = malloc(WIRE_CAP);
    w->len[0] = w->len[1] = 0;
    return w->dir[0] != NULL && w->dir[1] != NULL ? 0 : -1;
}

void wire_free(wire *w)
{
    free(w->dir[0]);
    free(w->dir[1]);
    pthread_mutex_destroy(&w->lock);
}

int identity_make(server_identity *id, see_rng *rng, unsigned bits)
{
    rsa_private_init(&id->key);
    if (rsa_generate(rng, bits, 0, &id->key) != SEE_OK)
        return -1;
    rsa_public_key pub;
    rsa_public_init(&pub);
    rsa_public_from_private(&pub, &id->key);
    static const char *const dns[] = { DEMO_HOST };
    x509_issue_params p = { .common_name = DEMO_HOST, .subject_key = &pub,
                            .issuer_key = &id->key, .not_before = DEMO_PKI_NOT_BEFORE,
                            .not_after = DEMO_PKI_NOT_BEFORE + 10LL * 365 * 86400,
                            .path_len = -1, .dns = dns, .dns_count = 1 };
    see_status st = x509_issue(&p, rng, id->der, sizeof id->der, &id->der_len);
    rsa_public_clear(&pub);
    return st == SEE_OK ? 0 : -1;
}

/* ------------------------------------------------------- the session --- */

/* What S read, to check against what B sent. */
typedef struct {
    char received[EVE_MAX_COMMANDS][64];
    size_t count;
} commands_read;

static int keep_command(void *ctx, tls_conn *server, const uint8_t *data, size_t len)
{
    commands_read *got = ctx;
    (void)server;
    if (got->count < EVE_MAX_COMMANDS) {
        size_t n = len < sizeof got->received[0] - 1 ? len : sizeof got->received[0] - 1;
        memcpy(got->received[got->count], data, n);
        got->received[got->count][n] = '\0';
        got->count++;
    }
    return 0;
}

int session_run(tls_config *ccfg, tls_config *scfg, const server_identity *id,
                const char *const *commands, size_t n, wire *w)
{
    tls_x509_check check; /* S's certificate is its own root */
    demo_certificates(ccfg, scfg, &check, id->der, id->der_len, &id->key, id->der,
                      id->der_len);
    wire_recorder crec = { w, 0 }, srec = { w, 1 };
    transport_tap ctap = { .ctx = &crec, .write = record_and_pass };
    transport_tap stap = { .ctx = &srec, .write = record_and_pass };
    commands_read got = { .count = 0 };
    demo_pair pair;
    if (demo_pair_start(&pair, 10000, ccfg, scfg, &ctap, &stap, keep_command,
                        &got) != 0)
        return -1;
    tls_conn *client = pair.client;
    see_status cs = tls_handshake(client);
    if (cs == SEE_OK) {
        for (size_t i = 0; i < n; i++)
            tls_write(client, (const uint8_t *)commands[i], strlen(commands[i]));
        tls_close(client);
        uint8_t buf[16];
        size_t len;
        while (tls_read(client, buf, sizeof buf, &len) == SEE_OK)
            ; /* until S's close_notify */
    }
    see_status ss = demo_pair_join(&pair);
    int rc = cs == SEE_OK && ss == SEE_OK && got.count == n ? 0 : -1;
    if (cs != SEE_OK || ss != SEE_OK)
        fprintf(stderr, "handshake: client %s, server %s\n", see_strerror(cs),
                see_strerror(ss));
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (strcmp(got.received[i], commands[i]) != 0)
            rc = -1;
    demo_pair_free(&pair);
    return rc;
}

/* ------------------------------------------------------------- Eve --- */

see_status eve_split_flow(const uint8_t *data, size_t len, eve_flow *f)
{
    reader r;
    reader_init(&r, data, len);
    int after_ccs = 0;
    f->hs_len = f->prot_count = 0;
    while (!reader_at_end(&r)) {
        const uint8_t *header, *content;
        record_header h;
        TRY(reader_bytes(&r, TLS_RECORD_HEADER_SIZE, &header));
        TRY(record_header_decode(header, TLS_RECORD_HEADER_SIZE, &h));
        TRY(reader_bytes(&r, h.length, &content));
        if (h.type == TLS_CONTENT_CHANGE_CIPHER_SPEC) {
            after_ccs = 1;
        } else if (after_ccs) {
            ENSURE(f->prot_count < EVE_MAX_RECORDS, SEE_ERR_ARGUMENT);
            f->prot[f->prot_count++] = (eve_record){ h.type, h.version, content, h.length };
        } else if (h.type == TLS_CONTENT_HANDSHAKE) {
            ENSURE(f->hs_len + h.length <= sizeof f->hs, SEE_ERR_ARGUMENT);
            memcpy(f->hs + f->hs_len, content, h.length);
            f->hs_len += h.length;
        }
    }
    return SEE_OK;
}

see_status eve_next_message(reader *r, uint8_t *type, reader *body,
                            const uint8_t **whole, size_t *whole_len)
{
    reader peek = *r;
    const uint8_t *header;
    record_message_header h;
    TRY(reader_bytes(&peek, TLS_HANDSHAKE_HEADER_SIZE, &header));
    TRY(record_message_header_decode(header, TLS_HANDSHAKE_HEADER_SIZE, &h));
    *whole_len = TLS_HANDSHAKE_HEADER_SIZE + (size_t)h.length;
    TRY(reader_bytes(r, *whole_len, whole));
    return hs_message_split(*whole, *whole_len, type, body);
}

/* The ServerKeyExchange as the suite's key exchange sends it: ECDHE's
 * ServerECDHParams (RFC 8422 5.4) or DHE's ServerDHParams (RFC 5246
 * 7.4.3), each followed by S's signature. */
static see_status read_server_key_exchange(eve_view *v, reader *body)
{
    if (v->suite_info != NULL && v->suite_info->kx == &kx_ecdhe) {
        server_ecdh_key_exchange ske;
        TRY(server_ecdh_key_exchange_decode(body, &ske));
        v->ecdhe = 1;
        v->curve_type = ske.curve_type;
        v->named_curve = ske.named_curve;
        v->ys = ske.point, v->ys_len = ske.point_len;
        v->params = ske.params, v->params_len = ske.params_len;
        v->sig = ske.signed_params.sig, v->sig_len = ske.signed_params.sig_len;
        return SEE_OK;
    }
    server_key_exchange ske;
    TRY(server_key_exchange_decode(body, &ske));
    v->p = ske.p, v->p_len = ske.p_len;
    v->g = ske.g, v->g_len = ske.g_len;
    v->ys = ske.ys, v->ys_len = ske.ys_len;
    v->params = ske.params, v->params_len = ske.params_len;
    v->sig = ske.signed_params.sig, v->sig_len = ske.signed_params.sig_len;
    return SEE_OK;
}

/* How the ClientKeyExchange carries its value, by the key exchange. */
static cke_kind cke_kind_of(const eve_view *v)
{
    if (v->suite_info == NULL || v->suite_info->kx == &kx_rsa)
        return CKE_RSA;
    return v->suite_info->kx == &kx_ecdhe ? CKE_ECDHE : CKE_DHE;
}

void eve_describe_key_exchange(const eve_view *v, char *out, size_t cap)
{
    if (v->ecdhe)
        snprintf(out, cap, "ECDHE: %s %s (%u), Ys %zu bytes",
                 v->curve_type == 3 ? "named_curve" : "curve_type ?",
                 v->named_curve == 29 ? "x25519" : "not x25519", v->named_curve,
                 v->ys_len);
    else if (v->p != NULL)
        snprintf(out, cap, "DHE: p %zu bits, g %zu byte%s, Ys %zu bytes", v->p_len * 8,
                 v->g_len, v->g_len == 1 ? "" : "s", v->ys_len);
    else
        snprintf(out, cap, "none (RSA key transport)");
}

see_status eve_parse(const wire *w, eve_view *v)
{
    memset(v, 0, sizeof *v);
    v->protection = &record_aes128_cbc_sha256;
    TRY(eve_split_flow(w->dir[0], w->len[0], &v->b));
    TRY(eve_split_flow(w->dir[1], w->len[1], &v->s));
    sha256_ctx transcript;
    sha256_init(&transcript);

    /* B's first message: ClientHello (RB). */
    reader rb, rs, body;
    reader_init(&rb, v->b.hs, v->b.hs_len);
    reader_init(&rs, v->s.hs, v->s.hs_len);
    uint8_t type;
    const uint8_t *whole;
    size_t whole_len;
    TRY(eve_next_message(&rb, &type, &body, &whole, &whole_len));
    ENSURE(type == HS_CLIENT_HELLO, SEE_ERR_TLS_DECODE);
    client_hello ch;
    TRY(client_hello_decode(&body, &ch));
    memcpy(v->rb, ch.random, TLS_RANDOM_SIZE);
    sha256_update(&transcript, whole, whole_len);

    /* S's flight: ServerHello (RS), Certificate, [ServerKeyExchange],
     * ServerHelloDone. */
    while (!reader_at_end(&rs)) {
        TRY(eve_next_message(&rs, &type, &body, &whole, &whole_len));
        sha256_update(&transcript, whole, whole_len);
        if (type == HS_SERVER_HELLO) {
            server_hello sh;
            TRY(server_hello_decode(&body, &sh));
            memcpy(v->rs, sh.random, TLS_RANDOM_SIZE);
            v->suite = sh.cipher_suite;
            v->suite_info = tls_suite_find(sh.cipher_suite);
            if (v->suite_info != NULL)
                v->protection = v->suite_info->record;
            v->ems = sh.ext.extended_master_secret;
            v->etm = sh.ext.encrypt_then_mac;
        } else if (type == HS_SERVER_KEY_EXCHANGE) {
            TRY(read_server_key_exchange(v, &body));
        }
    }

    /* B's second message: ClientKeyExchange (Yc, or PS encrypted). */
    TRY(eve_next_message(&rb, &type, &body, &whole, &whole_len));
    ENSURE(type == HS_CLIENT_KEY_EXCHANGE, SEE_ERR_TLS_DECODE);
    client_key_exchange cke;
    TRY(client_key_exchange_decode(&body, cke_kind_of(v), &cke));
    v->cke = cke.exchange;
    v->cke_len = cke.exchange_len;
    sha256_update(&transcript, whole, whole_len);
    sha256_final(&transcript, v->session_hash);
    return SEE_OK;
}

void eve_keys(const eve_view *v, const uint8_t *ps, size_t ps_len,
              uint8_t master[TLS_MASTER_SECRET_SIZE], tls_session_keys *keys)
{
    if (v->ems)
        prf_extended_master_secret(ps, ps_len, v->session_hash, master);
    else
        prf_master_secret(ps, ps_len, v->rb, v->rs, master);
    prf_session_keys(master, v->rb, v->rs, &v->protection->keys, keys);
}

see_status eve_decrypt(const eve_view *v, const tls_session_keys *keys,
                       int from_client, uint64_t seq, const eve_record *rec,
                       uint8_t *out, size_t cap, size_t *out_len)
{
    record_cipher c;
    see_status st = record_cipher_start(&c, v->protection,
                                        from_client ? keys->i_b : keys->i_s,
                                        from_client ? keys->c_b : keys->c_s,
                                        from_client ? keys->iv_b : keys->iv_s, v->etm);
    if (st == SEE_OK) {
        c.seq = seq;
        st = record_unprotect(&c, rec->type, rec->version, rec->content, rec->len, out,
                              cap, out_len);
    }
    record_cipher_wipe(&c);
    return st;
}

size_t eve_read_b_records(const eve_view *v, const tls_session_keys *keys,
                          const char *prefix, const char *unopened_text,
                          const char *const *commands, size_t n, size_t *unopened)
{
    size_t read = 0;
    const char *check = v->protection->aead != NULL ? "tag" : "MAC";
    *unopened = 0;
    for (size_t i = 0; i < v->b.prot_count; i++) {
        uint8_t out[TLS_MAX_CIPHERTEXT];
        size_t out_len;
        const eve_record *rec = &v->b.prot[i];
        if (eve_decrypt(v, keys, 1, i, rec, out, sizeof out, &out_len) != SEE_OK) {
            printf("  %srecord %zu: %s\n", prefix, i, unopened_text);
            (*unopened)++;
            continue;
        }
        if (rec->type == TLS_CONTENT_APPLICATION_DATA) {
            printf("  %srecord %zu, application data, %s ok: \"%.*s\"\n", prefix, i,
                   check, (int)out_len, (const char *)out);
            if (read < n && out_len == strlen(commands[read]) &&
                memcmp(out, commands[read], out_len) == 0)
                read++;
        } else {
            printf("  %srecord %zu, %s, %s ok\n", prefix, i,
                   rec->type == TLS_CONTENT_HANDSHAKE ? "Finished" : "alert (close_notify)",
                   check);
        }
        see_wipe(out, sizeof out);
    }
    return read;
}

void print_hex(const uint8_t *b, size_t n, size_t show)
{
    for (size_t i = 0; i < n && i < show; i++)
        printf("%02x", b[i]);
    if (n > show)
        printf("... (%zu bytes)", n);
}
