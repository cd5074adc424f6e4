/*
 * fuzz_tls_server.c: our server's handshake fed arbitrary bytes as
 * everything the client says (records, hellos, key exchange, CCS,
 * Finished, alerts), read in chunks of fuzz-chosen size. Whatever comes,
 * the handshake must end with a status (never a crash, an over-read or a
 * leak), and a failure must have sent an alert unless it was the peer's
 * alert or the end of input. The first input byte picks the chunk size and
 * the suites; the server's RSA key is made once from a fixed seed.
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
static const uint8_t fake_cert[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!have_key) {
        see_rng krng;
        rng_init_seeded(&krng, "fuzz key", 8);
        rsa_private_init(&key);
        if (rsa_generate(&krng, 1024, 0, &key) != SEE_OK)
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
    cfg.key = &key;
    cfg.chain.count = 1;
    cfg.chain.cert[0] = fake_cert;
    cfg.chain.cert_len[0] = sizeof fake_cert;
    /* DHE (2048-bit) costs a key generation and a signature per input:
     * mostly RSA, sometimes both. */
    if ((data[0] & 0x80) == 0) {
        cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
        cfg.suite_count = 1;
    }
    feed f = { copy, size - 1, 0, 1 + (data[0] & 0x7f) };
    transport t = { &f, feed_read, feed_write, NULL };
    tls_conn_init(&conn, TLS_ROLE_SERVER, &cfg, &t);
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
