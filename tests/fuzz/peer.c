/*
 * peer.c: one handshake fed by the fuzz input, for the client and server
 * targets (see peer.h).
 */
#include "tests/fuzz/peer.h"

#include <stdlib.h>

#include "handshake/alert.h"
#include "tests/script_transport.h"
#include "tests/fuzz/input.h"

static rsa_private_key key;
static unsigned key_bits;
static tls_conn conn;

const rsa_private_key *peer_key(unsigned bits)
{
    if (key_bits == 0) {
        see_rng rng;
        rng_init_seeded(&rng, "fuzz key", 8);
        rsa_private_init(&key);
        if (rsa_generate(&rng, bits, 0, &key) != SEE_OK)
            abort();
        key_bits = bits;
    }
    if (bits != key_bits)
        abort();
    return &key;
}

/* The handshake, then the checks on how it ended. */
static void handshake_and_check(tls_conn *c)
{
    see_status st = tls_handshake(c);
    if (st != SEE_OK && alert_for_status(st) > 0 && c->alert_sent < 0)
        abort();
    if (st == SEE_OK) {
        uint8_t buf[256];
        size_t got;
        (void)tls_read(c, buf, sizeof buf, &got);
    }
}

void fuzz_peer(const uint8_t *data, size_t size, tls_role role,
               peer_setup *setup)
{
    if (size < 1)
        return;
    uint8_t *copy = input_copy(data + 1, size - 1);
    if (copy == NULL)
        return;
    see_rng rng;
    rng_init_seeded(&rng, "fuzz", 4);
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.rng = &rng;
    setup(&cfg, (data[0] & 0x80) != 0);
    script f;
    transport t;
    script_play(&f, &t, copy, size - 1, 1 + (data[0] & 0x7f));
    tls_conn_init(&conn, role, &cfg, &t);
    handshake_and_check(&conn);
    tls_conn_free(&conn);
    free(copy);
}
