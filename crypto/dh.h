/*
 * dh.h: Diffie-Hellman key agreement as the slides teach it.
 *
 *   Alice and Bob agree on p (a prime) and g;
 *   A = g^a mod p,  B = g^b mod p          (sent in the clear)
 *   S(Alice) = B^a mod p = S(Bob) = A^b mod p = g^(ab) mod p
 */
#ifndef SEETLS_DH_H
#define SEETLS_DH_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "core/error.h"
#include "crypto/random.h"

typedef struct {
    mpz_t p;          /* the prime modulus */
    mpz_t g;          /* the generator */
    mpz_t q;          /* the order of g's subgroup when known ((p-1)/2 for a
                         safe prime), else 0 */
    const char *name; /* "ffdhe2048", ... or NULL for a custom group */
} dh_group;

void dh_group_init(dh_group *group);
void dh_group_clear(dh_group *group);

/* Groups below this many bits are refused unless the caller passes an
 * explicit allow_insecure flag (the slides' toy group, the class demos that
 * break small groups). 2048 bits: NIST SP 800-57's minimum for 112-bit
 * security, and what RFC 7919's smallest group offers. */
#define DH_MIN_BITS 2048

/* The largest group, always: RFC 7919's largest, ffdhe8192. Every buffer
 * for p, a public value or a shared secret is DH_MAX_BYTES long. A larger
 * p is SEE_ERR_DH_GROUP_LARGE, with or without allow_insecure: it buys no
 * security worth having, and each exponentiation costs about the cube of
 * p's size (a peer's 65535-byte p would cost minutes). */
#define DH_MAX_BITS 8192
#define DH_MAX_BYTES (DH_MAX_BITS / 8)

/* The TLS codepoints of RFC 7919's groups (NamedGroup, RFC 7919 2; the
 * values 256..511 of the Supported Groups registry are for finite field
 * groups, the rest for elliptic curves). */
#define DH_TLS_FFDHE2048 256
#define DH_TLS_FFDHE3072 257
#define DH_TLS_FFDHE4096 258
#define DH_TLS_FFDHE6144 259
#define DH_TLS_FFDHE8192 260

/*
 * A named group:
 *   "ffdhe2048" ... "ffdhe8192"  RFC 7919 Appendix A.1 to A.5: 2048, 3072,
 *                             4096, 6144 and 8192 bits, g = 2,
 *                             q = (p - 1) / 2
 *   "modp2048" (or "modp14")  RFC 3526 section 3, the 2048-bit MODP group 14
 *                             (g = 2, q = (p - 1) / 2)
 *   "toy"                     the slides' p = 23, g = 5. g generates every
 *                             residue (order 22), so q is left 0: no
 *                             subgroup check. Needs allow_insecure.
 * Errors: SEE_ERR_DH_UNKNOWN_GROUP, SEE_ERR_DH_GROUP_SMALL.
 */
see_status dh_group_named(dh_group *group, const char *name,
                          int allow_insecure);

/* The RFC 7919 group with this TLS codepoint (256..260);
 * SEE_ERR_DH_UNKNOWN_GROUP for any other value. */
see_status dh_group_from_tls_id(dh_group *group, uint16_t tls_id);

/* The TLS codepoint of a named group (set by dh_group_named,
 * dh_group_from_tls_id or recognised by dh_group_set), or 0 (a custom
 * group, or a named one TLS has no codepoint for: modp2048, toy). */
uint16_t dh_group_tls_id(const dh_group *group);

/* Between names and codepoints: "ffdhe3072" <-> 257. A name without a
 * TLS codepoint is SEE_ERR_DH_UNKNOWN_GROUP; an unknown codepoint's name
 * is NULL. */
see_status dh_tls_id_by_name(const char *name, uint16_t *tls_id);
const char *dh_tls_id_name(uint16_t tls_id);
/* Bits of p of the group with this codepoint, 0 for an unknown one. */
unsigned dh_tls_id_bits(uint16_t tls_id);

/* 1 if the codepoint is in the finite field range of the Supported Groups
 * registry, 256..511 (RFC 7919 2: "even if unknown to the server" a
 * client listing one of these is FFDHE-compatible, RFC 7919 4), else 0. */
int dh_tls_id_is_ffdhe(uint16_t tls_id);

/* Which names dh_group_names lists. */
typedef enum {
    DH_NAMES_ALL,  /* every named group (an alias such as modp14 once) */
    DH_NAMES_TLS   /* only those with a TLS codepoint */
} dh_names_which;

/* The named groups' names in the table's order, for a message or a help
 * text: "ffdhe2048, ffdhe3072, ... or toy". Cut short after the last whole
 * name that fits in cap (always NUL-terminated when cap > 0). Returns
 * out. */
const char *dh_group_names(dh_names_which which, char *out, size_t cap);

/* The size rule on a p still in big-endian bytes, as it arrives from a
 * peer, before any arithmetic: SEE_ERR_DH_GROUP_SMALL below min_bits,
 * SEE_ERR_DH_GROUP_LARGE above DH_MAX_BITS (leading zero bytes do not
 * count). */
see_status dh_check_size_bytes(const uint8_t *p, size_t len, unsigned min_bits);

/* Any group (p, g), with q the order of g when known (q may be NULL).
 * Cheap checks only: p odd and > 3, 1 < g < p - 1, 0 < q < p when given,
 * and the size rules. Errors: SEE_ERR_DH_GROUP_BAD, SEE_ERR_DH_GROUP_SMALL,
 * SEE_ERR_DH_GROUP_LARGE. When (p, g) is one of the named groups above (as
 * a TLS 1.2 ServerKeyExchange or a parameter file carries it), q and the
 * name are the group's, so peers' values get the subgroup check and our
 * exponents the short size. See dh_group_check_prime for the expensive
 * checks. */
see_status dh_group_set(dh_group *group, const mpz_t p, const mpz_t g,
                        const mpz_t q, int allow_insecure);

/* The group (p, g) as a parameter file gives it, without q: a named group
 * as dh_group_set recognises it; any other with q = (p - 1) / 2 when that
 * is prime (PRIME_ROUNDS_ADVERSARIAL rounds) and g lies in its subgroup
 * (g^q = 1 mod p), else q unknown. Errors as dh_group_set's, and the
 * primality test's. */
see_status dh_group_set_find_q(dh_group *group, const mpz_t p, const mpz_t g,
                               see_rng *rng, int allow_insecure);

/* dst = src through dh_group_set's checks (src's q, when it knows one). */
see_status dh_group_copy(dh_group *dst, const dh_group *src,
                         int allow_insecure);

/* The expensive checks of a group from elsewhere: p prime, and when q is
 * known: q prime, q divides p - 1, g^q = 1 mod p. SEE_ERR_DH_GROUP_BAD. */
see_status dh_group_check_prime(const dh_group *group, see_rng *rng);

/* A fresh group for class demos: a random safe prime p = 2q + 1 of `bits`
 * bits, g = 4 (a square, so its order is q). Below DH_MIN_BITS only with
 * allow_insecure; above DH_MAX_BITS never. Fast up to a few hundred bits; use the named groups for
 * real sizes. */
see_status dh_group_generate(dh_group *group, see_rng *rng, unsigned bits,
                             int allow_insecure);

/* Bits of p. */
unsigned dh_group_bits(const dh_group *group);

/*
 * The size of the private exponent drawn by dh_generate_key.
 * RFC 7919 section 5.2 lets a peer use a short exponent of at least twice
 * the group's security strength; Appendix A gives the figures: 225 bits
 * for ffdhe2048 (strength 103 bits), 275 for ffdhe3072 (125 bits), 325
 * for ffdhe4096 (150), 375 for ffdhe6144 (175), 400 for ffdhe8192 (192).
 * The 2048-bit MODP group has the same strength as ffdhe2048: 225. For any other
 * group with q known: bits of q (the full range, below q); else bits of p
 * (the full range, below p - 1).
 */
unsigned dh_private_bits(const dh_group *group);

/* A key pair: x uniform in [2, 2^dh_private_bits) (capped below q, or
 * p - 1), and the slides' A = g^x mod p (with mpz_powm_sec). */
see_status dh_generate_key(const dh_group *group, see_rng *rng, mpz_t x,
                           mpz_t y);

/* The public value for a given private exponent (the slides' a = 6 gives
 * A = 8 in the toy group). x in [1, p - 2]: SEE_ERR_DH_PRIVATE_RANGE. */
see_status dh_public_from_private(const dh_group *group, const mpz_t x,
                                  mpz_t y);

/* Validate a peer's public value Y (RFC 7919 5.1, NIST SP 800-56A
 * 5.6.2.3.1): 1 < Y < p - 1 (SEE_ERR_DH_PUBLIC_RANGE: 0, 1 and p - 1 give
 * a shared secret the attacker knows), and when q is known Y^q = 1 mod p
 * (SEE_ERR_DH_PUBLIC_SUBGROUP: Y outside the subgroup leaks x mod small
 * factors). */
see_status dh_check_public(const dh_group *group, const mpz_t y);

/* The slides' S = B^a mod p as a number, after dh_check_public. */
see_status dh_shared_secret_number(const dh_group *group, const mpz_t x,
                                   const mpz_t peer_y, mpz_t s);

/* S as bytes, exactly as long as p, leading zeros kept (RFC 7919 section
 * 2 for TLS 1.3 and NIST SP 800-56A's Z). cap >= bytes of p, else
 * SEE_ERR_BUFFER_SMALL. */
see_status dh_shared_secret(const dh_group *group, const mpz_t x,
                            const mpz_t peer_y, uint8_t *out, size_t cap,
                            size_t *out_len);

/* S as TLS 1.2 uses it for the pre-master secret: "leading bytes of Z that
 * contain all zero bits are stripped" (RFC 5246 8.1.2). */
see_status dh_shared_secret_tls12(const dh_group *group, const mpz_t x,
                                  const mpz_t peer_y, uint8_t *out,
                                  size_t cap, size_t *out_len);

/* ------------------------------------------- bytes in, bytes out ---
 *
 * The key exchange as a protocol carries it: every number a big-endian
 * byte string (RFC 5246 7.4.3's dh_p, dh_g, dh_Ys and 7.4.7.2's dh_Yc),
 * as Monocypher's crypto_x25519 takes and gives bytes. GMP stays inside:
 * a caller such as the TLS handshake holds the private exponent as bytes
 * and wipes them (see_wipe), and never converts a number itself.
 */

/* Bytes of p: every value of the group fits in this many (at most
 * DH_MAX_BYTES). */
size_t dh_group_bytes(const dh_group *group);

/* The group from p and g as a peer sends them (ServerKeyExchange): the
 * size rule on p's bytes first (dh_check_size_bytes: below DH_MIN_BITS
 * only with allow_insecure, never above DH_MAX_BITS), so no arithmetic is
 * spent on a p of any size, then dh_group_set (q NULL: a named group gets
 * its own). */
see_status dh_group_set_bytes(dh_group *group, const uint8_t *p, size_t p_len,
                              const uint8_t *g, size_t g_len,
                              int allow_insecure);

/* p and g as ServerKeyExchange carries them: big-endian, no leading zero
 * byte. Each cap at least dh_group_bytes(group), else SEE_ERR_BUFFER_SMALL. */
see_status dh_group_to_bytes(const dh_group *group, uint8_t *p, size_t p_cap,
                             size_t *p_len, uint8_t *g, size_t g_cap,
                             size_t *g_len);

/* A fresh key pair, drawn as dh_generate_key draws it (short exponents in
 * the named groups, mpz_powm_sec): the private exponent x in priv as
 * exactly dh_group_bytes(group) bytes (leading zeros kept, so its length
 * says nothing of x), and the public value Y = g^x mod p in pub without
 * leading zero bytes, as TLS sends it. Each cap at least dh_group_bytes,
 * else SEE_ERR_BUFFER_SMALL. The caller wipes priv; on failure it holds
 * nothing. */
see_status dh_keypair(const dh_group *group, see_rng *rng, uint8_t *priv,
                      size_t priv_cap, size_t *priv_len, uint8_t *pub,
                      size_t pub_cap, size_t *pub_len);

/* dh_check_public on the peer's value as it arrives: 1 < Y < p - 1, and
 * Y^q = 1 when q is known. Leading zero bytes are allowed (they change
 * no number). SEE_ERR_DH_PUBLIC_RANGE, SEE_ERR_DH_PUBLIC_SUBGROUP. */
see_status dh_check_public_bytes(const dh_group *group, const uint8_t *y,
                                 size_t y_len);

/* TLS 1.2's pre-master secret PS from bytes: the peer's Y checked as
 * dh_check_public_bytes does, then S = Y^x mod p (mpz_powm_sec) with its
 * leading zero bytes stripped (RFC 5246 8.1.2), as dh_shared_secret_tls12.
 * cap >= dh_group_bytes(group), else SEE_ERR_BUFFER_SMALL. The numbers
 * made on the way are wiped. */
see_status dh_shared_secret_tls12_bytes(const dh_group *group,
                                        const uint8_t *priv, size_t priv_len,
                                        const uint8_t *peer, size_t peer_len,
                                        uint8_t *out, size_t cap,
                                        size_t *out_len);

#endif
