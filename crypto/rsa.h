/*
 * rsa.h: RSA as the slides teach it, then as RFC 8017 makes it safe.
 *
 * The slides' formulas, in the slides' names:
 *   n = p * q                    the modulus (public)
 *   t(n) = (p - 1) * (q - 1)     the totient
 *   gcd(e, t(n)) = 1             e, the public exponent
 *   d * e = 1 + k * t(n)         d, the private exponent
 *   c = m^e mod n                encryption with the public key (e, n)
 *   m = c^d mod n                decryption with the private key (d, n)
 */
#ifndef SEETLS_RSA_H
#define SEETLS_RSA_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "core/error.h"
#include "crypto/random.h"

typedef struct {
    mpz_t n; /* modulus */
    mpz_t e; /* public exponent */
} rsa_public_key;

/* The blinding pair a private operation leaves for the next (rsa.c). */
typedef struct rsa_blinding rsa_blinding;

typedef struct {
    mpz_t n, e;    /* the public half */
    mpz_t d;       /* private exponent */
    mpz_t p, q;    /* the two primes, p > q */
    mpz_t dp, dq;  /* d mod (p - 1), d mod (q - 1): CRT exponents */
    mpz_t qinv;    /* q^-1 mod p: CRT coefficient */
    rsa_blinding *blinding; /* made by rsa_private_init, freed by _clear;
                               NULL (no memory) only costs speed. A key
                               is therefore never copied as a struct. */
} rsa_private_key;

void rsa_public_init(rsa_public_key *key);
void rsa_public_clear(rsa_public_key *key);
void rsa_private_init(rsa_private_key *key);
/* Wipes every secret value before freeing it. */
void rsa_private_clear(rsa_private_key *key);

/* ------------------------------------------------- the slides' RSA --- */
/*
 * Textbook RSA: the bare formulas, for any n, e, d (n = 15 included).
 * INSECURE for real messages: deterministic (the same m always gives the
 * same c), malleable (c * 2^e decrypts to 2m), and small m with small e
 * can be undone by an ordinary root. Real RSA pads first (below).
 */

/* t(n) = (p - 1) * (q - 1), the slides' totient. */
void rsa_textbook_totient(mpz_t t, const mpz_t p, const mpz_t q);

/* The slides' step 4 for a chosen k: d = (1 + k * t(n)) / e.
 * SEE_ERR_ARGUMENT if e does not divide 1 + k * t(n) (d not integral).
 * (p = 3, q = 5, e = 7, k = 20 gives d = 23.) */
see_status rsa_textbook_d_from_k(mpz_t d, const mpz_t e, const mpz_t t,
                                 unsigned long k);

/* The smallest k that makes d integral, and that d (= e^-1 mod t(n)).
 * SEE_ERR_RSA_E_BAD if gcd(e, t(n)) != 1. k_out may be NULL. */
see_status rsa_textbook_find_d(mpz_t d, unsigned long *k_out, const mpz_t e,
                               const mpz_t t);

/* c = m^e mod n (also the slides' signature check m' = c^e mod n).
 * SEE_ERR_RSA_INPUT_RANGE unless 0 <= m < n; SEE_ERR_ARGUMENT if n < 2. */
see_status rsa_textbook_encrypt(mpz_t c, const mpz_t m, const mpz_t n,
                                const mpz_t e);

/* m = c^d mod n (also the slides' "encrypt with the private key", the
 * textbook signature). Same errors. Uses mpz_powm_sec when n is odd. */
see_status rsa_textbook_decrypt(mpz_t m, const mpz_t c, const mpz_t n,
                                const mpz_t d);

/* ------------------------------------------------------------ keys --- */

#define RSA_E_DEFAULT   65537
#define RSA_MIN_BITS    1024   /* smallest key rsa_generate makes unless told */
#define RSA_MAX_BITS    4096   /* largest key rsa_generate makes unless told */
#define RSA_TINY_BITS   16     /* smallest key even the insecure flag allows */
#define RSA_HUGE_BITS   16384  /* largest key the insecure flag allows */

/*
 * A new key of `bits` bits (even; 1024..4096, or RSA_TINY_BITS..
 * RSA_HUGE_BITS when allow_insecure is non-zero: below 1024 bits the key is
 * breakable). e = 65537 (17 below 18 bits, where 65537 >= n); p and q random primes of bits/2 bits each with
 * the top two bits set (so n has exactly `bits` bits), |p - q| >
 * 2^(bits/2 - 100), gcd(e, p - 1) = gcd(e, q - 1) = 1, d = e^-1 mod
 * lcm(p - 1, q - 1), then the CRT values; p > q. (FIPS 186-5 A.1.3.)
 * key must be initialised; its old values are overwritten.
 * Errors: SEE_ERR_RSA_KEY_SIZE, SEE_ERR_RANDOM.
 */
see_status rsa_generate(see_rng *rng, unsigned bits, int allow_insecure,
                        rsa_private_key *key);

/* Fill key from p, q and e: n, d = e^-1 mod lcm(p - 1, q - 1), dP, dQ,
 * qInv (p and q are swapped if needed so that p > q). Errors:
 * SEE_ERR_RSA_E_BAD (e even, 1, or not invertible), SEE_ERR_ARGUMENT
 * (p or q < 3, or p = q). The primality of p, q is not checked here. */
see_status rsa_private_from_factors(rsa_private_key *key, const mpz_t p,
                                    const mpz_t q, const mpz_t e);

/* Copy n and e. */
void rsa_public_from_private(rsa_public_key *pub, const rsa_private_key *key);

/* The length k of n in bytes (RFC 8017: the size of every ciphertext and
 * signature). */
size_t rsa_public_size(const rsa_public_key *key);
size_t rsa_private_size(const rsa_private_key *key);
/* Bits of n (2048 for a 2048-bit key). */
unsigned rsa_private_bits(const rsa_private_key *key);
unsigned rsa_public_bits(const rsa_public_key *key);

/* Sanity of a public key: SEE_ERR_RSA_N_EVEN, SEE_ERR_RSA_N_SMALL (fewer
 * than min_bits bits, or n < 15 whatever min_bits says), SEE_ERR_RSA_E_BAD
 * (e = 1, e even, or e >= n). */
see_status rsa_public_check(const rsa_public_key *key, unsigned min_bits);

/*
 * What `openssl rsa -check` verifies: the public checks above (min 0
 * bits), p and q prime (64 Miller-Rabin rounds each), n = p * q,
 * d * e = 1 mod lcm(p - 1, q - 1), dP = d mod (p - 1), dQ = d mod (q - 1),
 * qInv * q = 1 mod p. Errors: those of rsa_public_check,
 * SEE_ERR_RSA_NOT_PRIME, SEE_ERR_RSA_KEY_INCONSISTENT.
 */
see_status rsa_private_check(const rsa_private_key *key, see_rng *rng);

/* -------------------------------------------------- the primitives --- */

/* RFC 8017 5.1.1 RSAEP / 5.2.2 RSAVP1: out = in^e mod n. in must be in
 * [0, n): SEE_ERR_RSA_INPUT_RANGE. out and in must be distinct. */
see_status rsa_public_op(const rsa_public_key *key, mpz_t out, const mpz_t in);

/*
 * RFC 8017 5.1.2 RSADP / 5.2.1 RSASP1: out = in^d mod n, by the Chinese
 * remainder theorem when p and q are known (else in^d mod n directly),
 * each power with mpz_powm_sec. The input is blinded first (multiplied by
 * r^e for a secret random r, the result divided by r), so the time taken
 * does not depend on `in`; r is drawn from rng every 32 operations on a
 * key and squared in between (rsa.c), as OpenSSL does. The blinded result is checked with the public
 * exponent (m'^e = c' mod n) before anything is released: a fault in one
 * CRT half would otherwise let anyone factor n from a single signature (the
 * Bellcore attack); a failed check gives SEE_ERR_RSA_FAULT and out = 0.
 * The decryption and signature functions below go further: they unblind
 * with GMP's constant-time mpn_sec_* functions straight into bytes, so
 * even the length of the secret result never shows in the timing. This
 * mpz form, for the slides and tools, unblinds with ordinary mpz calls.
 */
see_status rsa_private_op(const rsa_private_key *key, see_rng *rng, mpz_t out,
                          const mpz_t in);

/* ------------------------------------------- RSAES-PKCS1-v1_5 (7.2) --- */

/* Encrypt msg (at most k - 11 bytes) to exactly k bytes at out (cap >= k).
 * EM = 0x00 || 0x02 || pad || 0x00 || msg, pad at least 8 random non-zero
 * bytes (RFC 8017 calls the padding string PS; here PS is always the
 * slides' premaster secret).
 * Errors: SEE_ERR_RSA_MSG_TOO_LONG, SEE_ERR_BUFFER_SMALL, key checks. */
see_status rsa_pkcs1_encrypt(const rsa_public_key *key, see_rng *rng,
                             const uint8_t *msg, size_t msg_len,
                             uint8_t *out, size_t cap, size_t *out_len);

/* Decrypt k bytes. Every failure (wrong length, c >= n, bad padding) is
 * the one SEE_ERR_RSA_DECRYPT, and the padding is checked without
 * branching on it. Still, do NOT use this for TLS key exchange (where
 * even the success/failure answer is an oracle, Bleichenbacher 1998):
 * use rsa_decrypt_premaster. SEE_ERR_BUFFER_SMALL if the message does not
 * fit in cap. */
see_status rsa_pkcs1_decrypt(const rsa_private_key *key, see_rng *rng,
                             const uint8_t *in, size_t in_len,
                             uint8_t *out, size_t cap, size_t *out_len);

#define RSA_PREMASTER_SIZE 48

/*
 * The TLS 1.2 server's side of RSA key exchange (RFC 5246 7.4.7.1): the
 * pre-master secret PS from the ClientKeyExchange's encrypted bytes.
 * A random 48-byte R is drawn first; the decryption is done; then PS = M
 * if the padding is right, M is exactly 48 bytes and its first two bytes
 * equal client_version, else PS = R, chosen byte by byte with a mask
 * computed without branching on any of those checks. So a bad message
 * gives SEE_OK and a random PS: the handshake fails later, at Finished,
 * exactly as it would for a good message with a wrong key, and an
 * attacker learns nothing from the server's behaviour.
 * Errors only for what does not depend on the secret: SEE_ERR_RANDOM,
 * SEE_ERR_RSA_N_SMALL (k < 59 bytes cannot carry 48), SEE_ERR_RSA_FAULT.
 */
see_status rsa_decrypt_premaster(const rsa_private_key *key, see_rng *rng,
                                 const uint8_t *in, size_t in_len,
                                 const uint8_t client_version[2],
                                 uint8_t premaster[RSA_PREMASTER_SIZE]);

/* ------------------------------ RSAES-OAEP, SHA-256, MGF1-SHA-256 (7.1) --- */

#define RSA_OAEP_HASH_SIZE 32

/* Encrypt msg (at most k - 2*32 - 2 bytes) under label (may be empty) to
 * k bytes at out. Errors as rsa_pkcs1_encrypt. */
see_status rsa_oaep_encrypt(const rsa_public_key *key, see_rng *rng,
                            const uint8_t *label, size_t label_len,
                            const uint8_t *msg, size_t msg_len,
                            uint8_t *out, size_t cap, size_t *out_len);

/* The same with the 32-byte seed given: for known-answer tests only (a
 * repeated seed makes encryption deterministic). */
see_status rsa_oaep_encrypt_with_seed(const rsa_public_key *key,
                                      const uint8_t seed[RSA_OAEP_HASH_SIZE],
                                      const uint8_t *label, size_t label_len,
                                      const uint8_t *msg, size_t msg_len,
                                      uint8_t *out, size_t cap,
                                      size_t *out_len);

/* Decrypt; every failure is SEE_ERR_RSA_DECRYPT, the checks done in
 * constant time (RFC 8017 7.1.2 note: the causes must not be told apart,
 * Manger 2001). SEE_ERR_BUFFER_SMALL if the message does not fit. */
see_status rsa_oaep_decrypt(const rsa_private_key *key, see_rng *rng,
                            const uint8_t *label, size_t label_len,
                            const uint8_t *in, size_t in_len,
                            uint8_t *out, size_t cap, size_t *out_len);

/* ------------------------------ RSASSA-PKCS1-v1_5 with SHA-256 (8.2) --- */

/* Sign a message (hashed here) or a ready SHA-256 digest: k bytes at sig.
 * EM = 0x00 || 0x01 || 0xff.. || 0x00 || DigestInfo(SHA-256, H).
 * Errors: SEE_ERR_RSA_N_SMALL (k < 62), SEE_ERR_BUFFER_SMALL,
 * SEE_ERR_RSA_FAULT. rng is used for blinding only. */
see_status rsa_pkcs1_sign(const rsa_private_key *key, see_rng *rng,
                          const uint8_t *msg, size_t msg_len,
                          uint8_t *sig, size_t cap, size_t *sig_len);
see_status rsa_pkcs1_sign_digest(const rsa_private_key *key, see_rng *rng,
                                 const uint8_t digest[32],
                                 uint8_t *sig, size_t cap, size_t *sig_len);

/* Verify by recomputing the whole expected EM and comparing it to
 * s^e mod n in constant time (never by parsing what the signer sent).
 * SEE_OK if valid; SEE_ERR_RSA_SIG_LENGTH if sig_len != k;
 * SEE_ERR_RSA_SIG_INVALID otherwise; key check errors. */
see_status rsa_pkcs1_verify(const rsa_public_key *key,
                            const uint8_t *msg, size_t msg_len,
                            const uint8_t *sig, size_t sig_len);
see_status rsa_pkcs1_verify_digest(const rsa_public_key *key,
                                   const uint8_t digest[32],
                                   const uint8_t *sig, size_t sig_len);

#endif
