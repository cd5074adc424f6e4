/*
 * bignum.h: the bridge between byte strings and GMP integers, and uniform
 * random integers drawn from our random module (never from GMP's own
 * random state, which is not meant for secrets).
 */
#ifndef SEETLS_BIGNUM_H
#define SEETLS_BIGNUM_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "core/error.h"
#include "crypto/random.h"

/* x = the unsigned big-endian integer in in[0..len) (len 0 gives 0). */
void bn_from_bytes(mpz_t x, const uint8_t *in, size_t len);

/* Write x (>= 0) big-endian into exactly len bytes, left-padded with
 * zeros (RFC 8017 4.1 I2OSP). SEE_ERR_BUFFER_SMALL if x needs more. */
see_status bn_to_bytes(const mpz_t x, uint8_t *out, size_t len);

/* Bytes needed to hold x (0 for x = 0). */
size_t bn_byte_length(const mpz_t x);

/* Write x (>= 0) big-endian in as few bytes as it needs, at least one
 * (0 is one zero byte): the form of TLS's opaque numbers, dh_p, dh_g,
 * dh_Ys, dh_Yc (RFC 5246 7.4.3). *len gets the count. SEE_ERR_BUFFER_SMALL
 * if cap is less. */
see_status bn_to_bytes_min(const mpz_t x, uint8_t *out, size_t cap,
                           size_t *len);

/*
 * 64-bit values in and out of GMP. GMP's mpz_*_ui functions take an
 * unsigned long, which has 32 bits on 32-bit ARM (Raspberry Pi OS 32-bit)
 * and 64 on 64-bit Linux: a uint64_t above 2^32 - 1 passed there is cut
 * short on a Pi. These take every uint64_t, everywhere.
 */
void bn_set_u64(mpz_t x, uint64_t v);
/* The low 64 bits of |x| (x itself when 0 <= x < 2^64). */
uint64_t bn_get_u64(const mpz_t x);
/* 1 if 0 <= x < 2^64. */
int bn_fits_u64(const mpz_t x);
/* Negative, zero or positive as x <, = or > v (as mpz_cmp_ui). */
int bn_cmp_u64(const mpz_t x, uint64_t v);

/* A uniform random integer in [low, high), by rejection sampling.
 * SEE_ERR_ARGUMENT if low >= high. */
see_status bn_random_range(see_rng *rng, mpz_t out, const mpz_t low,
                           const mpz_t high);

/* A uniform random integer in [0, 2^bits). */
see_status bn_random_bits(see_rng *rng, mpz_t out, unsigned bits);

/*
 * out = base^e mod n for a small PUBLIC exponent e (RFC 8017's e = 65537)
 * and odd n > 1, by Montgomery multiplication: each step is a square and
 * a Montgomery reduction (k multiply-adds of n by one limb) instead of a
 * long division (about 10% faster than mpz_powm for e = 65537 at 2048 bits,
 * which also pays for its window tables). Variable time: never for a
 * secret exponent. base must be in
 * [0, n). SEE_ERR_ARGUMENT otherwise (or n even, or e = 0).
 */
see_status bn_powm_public(mpz_t out, const mpz_t base, uint64_t e,
                          const mpz_t n);

/* mpz_init2 with room for a secret of up to `bits` bits and a carry: GMP
 * makes a variable larger by moving it to a new block and freeing the old
 * one through the free function in place, unwiped unless a program
 * installed the wiping allocator. A variable sized up front is never
 * moved, so bn_clear_secret reaches every copy. */
void bn_init_secret(mpz_t x, size_t bits);

/* Overwrite every limb x has allocated with zeros (for secrets), then free
 * it. Needs no wiping allocator: the library clears its own secret
 * variables with it whether or not a program installed one. */
void bn_clear_secret(mpz_t x);

/* Overwrite every limb x has allocated with zeros, not only those holding
 * its value (a number that shrank keeps its old high limbs), and set it to
 * 0, keeping it usable. */
void bn_wipe(mpz_t x);

/*
 * Make GMP zero every block it frees or moves (mp_set_memory_functions).
 *
 * bn_clear_secret reaches only the variables the library holds; GMP's
 * temporaries (inside mpz_powm_sec, mpz_invert, mpz_mul, ...) and the old
 * blocks of a variable that grew are freed without wiping. This allocator
 * closes that gap at a small cost on every free. It changes process-wide
 * state, so the library never installs it on its own: every program of
 * the project calls it first thing in main, before any thread starts (it
 * is not safe to call while other threads use GMP).
 *
 * It is a layer over the memory functions in place when it is called
 * (GMP's own, or a program's or a test's): it allocates with them and
 * wipes each block before handing it back to their free, so blocks
 * allocated before it was installed are still freed by the function that
 * made them. Calling it twice is harmless (the second call sees the layer
 * in place and does nothing).
 */
void bn_install_wiping_allocator(void);

#endif
