/*
 * peer.h: what the two handshake targets (fuzz_tls_client.c and
 * fuzz_tls_server.c) share. fuzz_peer runs our side of a handshake with
 * the input as everything the other side says: the first byte's low seven
 * bits pick the chunk size the transport reads in (a script,
 * tests/script_transport.h), its top bit is the target's to use (setup
 * gets it), the rest is the wire. Whatever
 * comes, the handshake must end with a status (never a crash, an
 * over-read or a leak), and a failure must have sent an alert unless it
 * was the peer's alert or the end of input. After a handshake that
 * succeeds, one tls_read. Built once (tests/fuzz/peer.c) and linked into
 * every target.
 */
#ifndef SEETLS_FUZZ_PEER_H
#define SEETLS_FUZZ_PEER_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The program's one RSA key of the given size, made on the first call from
 * a fixed seed (the same every run). */
const rsa_private_key *peer_key(unsigned bits);

/* Sets what the target's side needs in cfg (cfg->rng is already set);
 * top_bit is the top bit of the first input byte. */
typedef void peer_setup(tls_config *cfg, int top_bit);

void fuzz_peer(const uint8_t *data, size_t size, tls_role role,
               peer_setup *setup);

#endif
