/*
 * fuzz_tls_client.c: our client's handshake fed arbitrary bytes as
 * everything the server says (records, hellos, certificate, key exchange,
 * CCS, Finished, alerts), read in chunks of fuzz-chosen size. Whatever comes,
 * the handshake must end with a status (never a crash, an over-read or a
 * leak), and a failure must have sent an alert unless it was the peer's
 * alert or the end of input. The first input byte picks the chunk size and
 * whether the DH group size rule is relaxed (so small groups go further);
 * the verify callback accepts any certificate and gives a fixed RSA key,
 * made once from a fixed seed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/alert.h"
#include "handshake/tls.h"

#include "tests/fuzz/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rsa_private_key key;
static int have_key;
static tls_conn conn;

static see_status accept_any(void *ctx, const certificate_msg *chain,
                             rsa_public_key *pub, char *subject, size_t cap)
{
    (void)ctx;
    (void)chain;
    rsa_public_from_private(pub, &key);
    if (cap > 0)
        subject[0] = '\0';
    return SEE_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!have_key) {
        see_rng krng;
        rng_init_seeded(&krng, "fuzz key", 8);
        rsa_private_init(&key);
        if (rsa_generate(&krng, 2048, 0, &key) != SEE_OK)
            abort();
        have_key = 1;
    }
    if (size < 1)
        return 0;
    uint8_t *copy = malloc(size - 1 ? size - 1 : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data + 1, size - 1);

    see_rng rng;
    rng_init_seeded(&rng, "fuzz", 4);
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.rng = &rng;
    cfg.verify = accept_any;
    cfg.server_name = "robot.lab";
    cfg.min_dh_bits = (data[0] & 0x80) ? 16 : 0;
    feed f = { copy, size - 1, 0, 1 + (data[0] & 0x7f) };
    transport t = { &f, feed_read, feed_write, NULL };
    tls_conn_init(&conn, TLS_ROLE_CLIENT, &cfg, &t);
    see_status st = tls_handshake(&conn);
    if (st != SEE_OK && alert_for_status(st) > 0 && conn.alert_sent < 0)
        abort();
    if (st == SEE_OK) {
        uint8_t buf[256];
        size_t got;
        (void)tls_read(&conn, buf, sizeof buf, &got);
    }
    tls_conn_free(&conn);
    free(copy);
    return 0;
}
