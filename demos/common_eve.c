/* common_eve.c: the recorded session and Eve (see common_eve.h). */
#include "demos/common_eve.h"

see_status tap_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    tap *t = ctx;
    return t->inner->read(t->inner->ctx, buf, cap, got);
}

see_status tap_write(void *ctx, const uint8_t *buf, size_t len)
{
    tap *t = ctx;
    pthread_mutex_lock(&t->w->lock);
    if (t->w->len[t->dir] + len <= WIRE_CAP) {
        memcpy(t->w->dir[t->dir] + t->w->len[t->dir], buf, len);
        t->w->len[t->dir] += len;
    }
    pthread_mutex_unlock(&t->w->lock);
    return t->inner->write(t->inner->ctx, buf, len);
}

void tap_close(void *ctx)
{
    tap *t = ctx;
    transport_close(t->inner);
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
    const int64_t start = 1767225600; /* 2026-01-01 */
    static const char *const dns[] = { "robot.lab" };
    x509_issue_params p = { .common_name = "robot.lab", .subject_key = &pub,
                            .issuer_key = &id->key, .not_before = start,
                            .not_after = start + 10LL * 365 * 86400,
                            .path_len = -1, .dns = dns, .dns_count = 1 };
    see_status st = x509_issue(&p, rng, id->der, sizeof id->der, &id->der_len);
    rsa_public_clear(&pub);
    return st == SEE_OK ? 0 : -1;
}

void *session_server(void *arg)
{
    server_job *job = arg;
    job->status = tls_handshake(job->conn);
    while (job->status == SEE_OK) {
        uint8_t buf[64];
        size_t got = 0;
        see_status st = tls_read(job->conn, buf, sizeof buf - 1, &got);
        if (st != SEE_OK)
            break;
        if (job->count < EVE_MAX_COMMANDS) {
            memcpy(job->received[job->count], buf, got);
            job->received[job->count][got] = '\0';
            job->count++;
        }
    }
    if (job->status == SEE_OK)
        tls_close(job->conn);
    transport_close(job->conn->rl.io);
    return NULL;
}

int session_run(tls_config *ccfg, tls_config *scfg,
                              const server_identity *id,
                              const char *const *commands, size_t n, wire *w)
{
    static const int64_t demo_time = 1767225600 + 86400; /* the demo CA's day 2 */
    tls_x509_check check = { .ca_file = id->der, .ca_file_len = id->der_len,
                             .host = "robot.lab", .clock = tls_clock_fixed,
                             .clock_ctx = &demo_time };
    ccfg->verify = tls_x509_verify;
    ccfg->verify_ctx = &check;
    ccfg->server_name = "robot.lab";
    scfg->key = &id->key;
    scfg->chain.count = 1;
    scfg->chain.cert[0] = id->der;
    scfg->chain.cert_len[0] = id->der_len;

    memory_pipe *pipe = malloc(sizeof *pipe);
    tls_conn *client = malloc(sizeof *client), *server = malloc(sizeof *server);
    if (pipe == NULL || client == NULL || server == NULL ||
        memory_pipe_init(pipe, 10000) != SEE_OK) {
        free(pipe);
        free(client);
        free(server);
        return -1;
    }
    pipe_end ce, se;
    transport cpipe, spipe;
    memory_pipe_ends(pipe, &ce, &se, &cpipe, &spipe);
    tap ctap = { &cpipe, w, 0 }, stap = { &spipe, w, 1 };
    transport cio = { &ctap, tap_read, tap_write, tap_close };
    transport sio = { &stap, tap_read, tap_write, tap_close };
    tls_conn_init(client, TLS_ROLE_CLIENT, ccfg, &cio);
    tls_conn_init(server, TLS_ROLE_SERVER, scfg, &sio);

    server_job job = { .conn = server, .status = SEE_OK, .count = 0 };
    pthread_t th;
    int ok = pthread_create(&th, NULL, session_server, &job) == 0;
    see_status cs = ok ? tls_handshake(client) : SEE_ERR_ARGUMENT;
    if (cs == SEE_OK) {
        for (size_t i = 0; i < n; i++)
            tls_write(client, (const uint8_t *)commands[i], strlen(commands[i]));
        tls_close(client);
        uint8_t buf[16];
        size_t got;
        while (tls_read(client, buf, sizeof buf, &got) == SEE_OK)
            ; /* until S's close_notify */
    }
    transport_close(&cio);
    if (ok)
        pthread_join(th, NULL);
    int rc = cs == SEE_OK && job.status == SEE_OK && job.count == n ? 0 : -1;
    if (cs != SEE_OK || job.status != SEE_OK)
        fprintf(stderr, "handshake: client %s, server %s\n", see_strerror(cs),
                see_strerror(job.status));
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (strcmp(job.received[i], commands[i]) != 0)
            rc = -1;
    tls_conn_free(client);
    tls_conn_free(server);
    free(client);
    free(server);
    memory_pipe_destroy(pipe);
    free(pipe);
    return rc;
}

see_status eve_split_flow(const uint8_t *data, size_t len, eve_flow *f)
{
    reader r;
    reader_init(&r, data, len);
    int after_ccs = 0;
    f->hs_len = f->prot_count = 0;
    while (!reader_at_end(&r)) {
        uint8_t type;
        uint16_t version;
        reader frag;
        TRY(reader_u8(&r, &type));
        TRY(reader_u16(&r, &version));
        TRY(reader_vector(&r, 2, &frag));
        size_t n = reader_remaining(&frag);
        const uint8_t *content;
        TRY(reader_bytes(&frag, n, &content));
        if (type == TLS_CONTENT_CHANGE_CIPHER_SPEC) {
            after_ccs = 1;
        } else if (after_ccs) {
            ENSURE(f->prot_count < EVE_MAX_RECORDS, SEE_ERR_ARGUMENT);
            f->prot[f->prot_count++] = (eve_record){ type, content, n };
        } else if (type == TLS_CONTENT_HANDSHAKE) {
            ENSURE(f->hs_len + n <= sizeof f->hs, SEE_ERR_ARGUMENT);
            memcpy(f->hs + f->hs_len, content, n);
            f->hs_len += n;
        }
    }
    return SEE_OK;
}

see_status eve_next_message(reader *r, uint8_t *type, reader *body,
                                          const uint8_t **whole, size_t *whole_len)
{
    reader peek = *r;
    uint32_t len;
    TRY(reader_u8(&peek, type));
    TRY(reader_u24(&peek, &len));
    *whole_len = 4 + (size_t)len;
    TRY(reader_bytes(r, *whole_len, whole));
    return hs_message_split(*whole, *whole_len, type, body);
}

see_status eve_parse(const wire *w, eve_view *v)
{
    memset(v, 0, sizeof *v);
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
    ENSURE(type == 1, SEE_ERR_TLS_DECODE);
    client_hello ch;
    TRY(client_hello_decode(&body, &ch));
    memcpy(v->rb, ch.random, TLS_RANDOM_SIZE);
    sha256_update(&transcript, whole, whole_len);

    /* S's flight: ServerHello (RS), Certificate, [ServerKeyExchange],
     * ServerHelloDone. */
    while (!reader_at_end(&rs)) {
        TRY(eve_next_message(&rs, &type, &body, &whole, &whole_len));
        sha256_update(&transcript, whole, whole_len);
        if (type == 2) {
            server_hello sh;
            TRY(server_hello_decode(&body, &sh));
            memcpy(v->rs, sh.random, TLS_RANDOM_SIZE);
            v->suite = sh.cipher_suite;
            v->ems = sh.ext.extended_master_secret;
            v->etm = sh.ext.encrypt_then_mac;
        } else if (type == 12) {
            server_key_exchange ske;
            TRY(server_key_exchange_decode(&body, &ske));
            v->p = ske.p, v->p_len = ske.p_len;
            v->g = ske.g, v->g_len = ske.g_len;
            v->ys = ske.ys, v->ys_len = ske.ys_len;
            v->params = ske.params, v->params_len = ske.params_len;
            v->sig = ske.signed_params.sig, v->sig_len = ske.signed_params.sig_len;
        }
    }

    /* B's second message: ClientKeyExchange (Yc, or PS encrypted). */
    TRY(eve_next_message(&rb, &type, &body, &whole, &whole_len));
    ENSURE(type == 16, SEE_ERR_TLS_DECODE);
    client_key_exchange cke;
    TRY(client_key_exchange_decode(&body, v->suite == TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, &cke));
    v->cke = cke.exchange;
    v->cke_len = cke.exchange_len;
    sha256_update(&transcript, whole, whole_len);
    sha256_final(&transcript, v->session_hash);
    return SEE_OK;
}

void eve_keys(const eve_view *v, const uint8_t *ps, size_t ps_len,
                            uint8_t master[TLS_MASTER_SECRET_SIZE],
                            tls_session_keys *keys)
{
    if (v->ems)
        prf_extended_master_secret(ps, ps_len, v->session_hash, master);
    else
        prf_master_secret(ps, ps_len, v->rb, v->rs, master);
    prf_session_keys(master, v->rb, v->rs, keys);
}

see_status eve_decrypt(const eve_view *v, const uint8_t c_key[16],
                                     const uint8_t mac_key[32], uint64_t seq,
                                     const eve_record *rec, uint8_t *out,
                                     size_t cap, size_t *out_len, int *mac_ok)
{
    size_t mac_len = TLS_RECORD_MAC_SIZE;
    size_t body = rec->len - (v->etm ? mac_len : 0);
    ENSURE(rec->len >= AES_BLOCK_SIZE + mac_len + AES_BLOCK_SIZE, SEE_ERR_TLS_DECODE);
    size_t ct_len = body - AES_BLOCK_SIZE;
    ENSURE(ct_len % AES_BLOCK_SIZE == 0 && ct_len <= cap, SEE_ERR_TLS_DECODE);
    aes128_key k;
    aes128_set_key(&k, c_key);
    TRY(aes128_cbc_decrypt(&k, rec->content, rec->content + AES_BLOCK_SIZE, out, ct_len));
    aes128_wipe(&k);
    size_t pad = out[ct_len - 1];
    size_t tail = pad + 1 + (v->etm ? 0 : mac_len);
    ENSURE(tail <= ct_len, SEE_ERR_TLS_DECODE);
    *out_len = ct_len - tail;

    /* The MAC's input: seq(8) type(1) version(2) length(2) data. */
    uint8_t head[13], tag[32];
    see_store64_be(head, seq);
    head[8] = rec->type;
    head[9] = TLS_VERSION_1_2 >> 8;
    head[10] = TLS_VERSION_1_2 & 0xff;
    hmac_sha256_ctx h;
    hmac_sha256_init(&h, mac_key, 32);
    if (v->etm) {
        head[11] = (uint8_t)(body >> 8);
        head[12] = (uint8_t)body;
        hmac_sha256_update(&h, head, 13);
        hmac_sha256_update(&h, rec->content, body);
        hmac_sha256_final(&h, tag);
        *mac_ok = see_ct_equal(tag, rec->content + body, mac_len);
    } else {
        head[11] = (uint8_t)(*out_len >> 8);
        head[12] = (uint8_t)*out_len;
        hmac_sha256_update(&h, head, 13);
        hmac_sha256_update(&h, out, *out_len);
        hmac_sha256_final(&h, tag);
        *mac_ok = see_ct_equal(tag, out + *out_len, mac_len);
    }
    return SEE_OK;
}

void print_hex(const uint8_t *b, size_t n, size_t show)
{
    for (size_t i = 0; i < n && i < show; i++)
        printf("%02x", b[i]);
    if (n > show)
        printf("... (%zu bytes)", n);
}
