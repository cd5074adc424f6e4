/*
 * x25519.h: X25519, Diffie-Hellman on Curve25519 (RFC 7748 5 and 6.1).
 *
 * The slides' Diffie-Hellman, with the group changed:
 *
 *   the slides (crypto/dh.h)            X25519
 *   p, g agreed                         the curve v^2 = u^3 + 486662 u^2 + u
 *                                       over p = 2^255 - 19, and its base
 *                                       point G (u = 9), fixed for everyone
 *   Alice's secret a, Bob's secret b    32 random bytes each (scalars)
 *   A = g^a mod p                       A = a*G: G added to itself a times
 *   B = g^b mod p                       B = b*G
 *   S(Alice) = B^a mod p                S = a*B = a*(b*G)
 *   S(Bob)   = A^b mod p                  = b*A = b*(a*G), the same point
 *
 * "Multiply by g" becomes "add G"; g^a, a multiplications, becomes a*G, a
 * additions (done by doubling and adding, as g^a is by squaring and
 * multiplying). Eve sees A and B; finding a from A = a*G is the elliptic
 * curve discrete logarithm, with no known shortcut like the number field
 * sieve for g^a mod p: 32-byte values do what 384-byte ones do in the
 * finite field group. Only a point's u-coordinate travels: 32 bytes,
 * little-endian.
 *
 * Every function here runs in constant time in the secret scalar: no branch
 * and no memory index depends on it (tests/ct/run.sh checks that under
 * valgrind). Buffers are the caller's; what the functions held of a secret
 * is wiped before they return.
 */
#ifndef SEETLS_X25519_H
#define SEETLS_X25519_H

#include <stdint.h>

#include "core/error.h"
#include "crypto/random.h"

#define X25519_KEY_SIZE 32 /* scalars, u-coordinates, shared secrets */

/* The function X25519(k, u) of RFC 7748 5: the u-coordinate of k*P, where P
 * is the point with u-coordinate u. The scalar is clamped first (the three
 * low bits cleared, bit 255 cleared, bit 254 set), the top bit of u is
 * ignored, u >= p is taken mod p, and out is fully reduced. Defined for
 * every input, so it cannot fail; out may be all zeros (see
 * x25519_shared_secret). out may alias scalar or u. */
void x25519(uint8_t out[X25519_KEY_SIZE], const uint8_t scalar[X25519_KEY_SIZE],
            const uint8_t u[X25519_KEY_SIZE]);

/* A = a*G: the public key of the private key a (u = 9, RFC 7748 4.1). */
void x25519_public_key(uint8_t public_key[X25519_KEY_SIZE],
                       const uint8_t private_key[X25519_KEY_SIZE]);

/* A new key pair: 32 random bytes for a, and A = a*G. SEE_ERR_RANDOM if
 * the generator fails (then both are zeros). */
see_status x25519_generate_key(see_rng *rng, uint8_t private_key[X25519_KEY_SIZE],
                               uint8_t public_key[X25519_KEY_SIZE]);

/* S = a*B: the shared secret of our private key a and the peer's public
 * value B. SEE_ERR_X25519_ZERO_SECRET when S is all zeros (RFC 7748 6.1:
 * B was a point of small order, so S does not depend on a and Eve knows
 * it); shared_secret is then zeros too. The check is constant-time over
 * S's bytes; only its one-bit answer decides the branch. */
see_status x25519_shared_secret(uint8_t shared_secret[X25519_KEY_SIZE],
                                const uint8_t private_key[X25519_KEY_SIZE],
                                const uint8_t peer_public[X25519_KEY_SIZE]);

#endif
