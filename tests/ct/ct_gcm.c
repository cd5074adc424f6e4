/*
 * ct_gcm.c: the constant-time check's cases for the bitsliced AES
 * (crypto/aes_ct.c) and AES-128-GCM (crypto/gcm.c).
 *
 * Not a program of its own: tests/ct/ct_check.c includes it after its
 * helpers (secret, public, check, from_hex) and puts CT_GCM_CASES in its
 * cases table, the way its header says to add a primitive:
 *
 *     #include "tests/ct/ct_gcm.c"
 *     ...
 *         CT_GCM_CASES
 *
 * What is secret in each case: the key always (and so H = AES_K(0), every
 * AES output, the GHASH state and the tag), and the plaintext where there
 * is one. The AAD, the IV and the ciphertext are public.
 */
#include "crypto/aes_ct.h"
#include "core/util.h"
#include "crypto/gcm.h"

/* FIPS 197 Appendix C.1, key and plaintext secret: the key expansion (its
 * SubWord through the S-box circuit) and the cipher. */
static int ct_aes_ct(void)
{
    uint8_t raw[16], in[16], out[16];
    aes128_ct_key key;
    from_hex(raw, "000102030405060708090a0b0c0d0e0f");
    from_hex(in, "00112233445566778899aabbccddeeff");
    secret(raw, sizeof raw);
    secret(in, sizeof in);
    aes128_ct_set_key(&key, raw);
    aes128_ct_encrypt_block(&key, in, out);
    public(out, sizeof out);
    aes128_ct_wipe(&key);
    return check(out, sizeof out, "69c4e0d86a7b0430d8cdb78070b4c55a");
}

/* GCM paper test case 4 (60 bytes of plaintext, 20 of AAD: partial
 * blocks in both), key and plaintext secret: GHASH, GCTR and the tag. This
 * is also everything aes128_gcm_open computes from the key (the same
 * compute_tag and gctr); see ct_gcm_open for the rest. */
static int ct_gcm_seal(void)
{
    uint8_t raw[16], iv[12], aad[20], pt[60], out[76];
    aes128_gcm_key key;
    from_hex(raw, "feffe9928665731c6d6a8f9467308308");
    from_hex(iv, "cafebabefacedbaddecaf888");
    from_hex(aad, "feedfacedeadbeeffeedfacedeadbeefabaddad2");
    from_hex(pt, "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                 "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    secret(raw, sizeof raw);
    secret(pt, sizeof pt);
    int ok = aes128_gcm_set_key(&key, raw, sizeof raw) == SEE_OK &&
             aes128_gcm_seal(&key, iv, sizeof iv, aad, sizeof aad, pt, sizeof pt,
                             out, sizeof out) == SEE_OK;
    public(out, sizeof out);
    aes128_gcm_wipe(&key);
    return ok &&
           check(out, 32, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e") &&
           check(out + 60, 16, "5bc94fbc3221a5db94fae95ae7121a47");
}

/* The tag comparison, both tags secret: see_ct_equal reads every byte
 * whatever differs; only its one-bit answer is made public. */
static int ct_tag_compare(void)
{
    uint8_t a[16], b[16];
    from_hex(a, "5bc94fbc3221a5db94fae95ae7121a47");
    from_hex(b, "5bc94fbc3221a5db94fae95ae7121a46");
    secret(a, sizeof a);
    secret(b, sizeof b);
    uint8_t verdict[1] = {(uint8_t)see_ct_equal(a, b, sizeof a)};
    public(verdict, sizeof verdict);
    return check(verdict, 1, "00");
}

/* Open with the key secret. aes128_gcm_open branches once on a secret-
 * derived bit: the verdict, whether the tag matched (public by design: the
 * peer learns it from the alert). tests/ct/declassified.supp names that
 * branch, so valgrind must report nothing else: a branch or index anywhere
 * in open's callees fails the case. */
static int ct_gcm_open(void)
{
    uint8_t raw[16], iv[12], sealed[32], out[16];
    aes128_gcm_key key;
    from_hex(raw, "00000000000000000000000000000000");
    from_hex(iv, "000000000000000000000000");
    from_hex(sealed, "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
    secret(raw, sizeof raw);
    see_status st = SEE_ERR_ARGUMENT;
    if (aes128_gcm_set_key(&key, raw, sizeof raw) == SEE_OK)
        st = aes128_gcm_open(&key, iv, sizeof iv, NULL, 0, sealed, sizeof sealed,
                             out, sizeof out);
    public(&st, sizeof st);
    public(out, sizeof out);
    aes128_gcm_wipe(&key);
    return st == SEE_OK && check(out, sizeof out, "00000000000000000000000000000000");
}

#define CT_GCM_CASES                                 \
    {"aes_ct", ct_aes_ct, CT_PASS},                  \
    {"gcm_seal", ct_gcm_seal, CT_PASS},              \
    {"tag_compare", ct_tag_compare, CT_PASS},        \
    {"gcm_open", ct_gcm_open, CT_PASS},
