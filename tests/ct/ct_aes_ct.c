/*
 * ct_aes_ct.c: the constant-time check's cases for the bitsliced AES's
 * inverse cipher and its modes (crypto/aes_ct.c): what the CBC record
 * layer and `seetls enc` run.
 *
 * Not a program of its own: tests/ct/ct_check.c includes it after its
 * helpers (secret, public, check, from_hex) and puts CT_AES_CT_CASES in its
 * cases table, as its header says to add a primitive. (The bitsliced
 * forward cipher's case, "aes_ct", is in ct_gcm.c with GCM's.)
 *
 * In every case the key is secret, and so is the data: the ciphertext of a
 * CBC record is public on the wire, but what InvCipher makes of it is not,
 * and marking it secret too checks that no step branches or indexes on
 * any byte of the State. The IV, the lengths and the output are public.
 * The answers are FIPS 197 C.1 and SP 800-38A F.2.1, F.2.2 and F.5.1;
 * AES-256 (the key of a PKCS#12 file's PBES2) has its own cases, on FIPS
 * 197 C.3 and SP 800-38A F.2.5 and F.2.6: its longer key expansion, the
 * cipher both ways, and CBC both ways.
 */
#include "crypto/aes_ct.h"

#define SP800_38A_KEY "2b7e151628aed2a6abf7158809cf4f3c"
#define SP800_38A_PLAIN                                                  \
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"   \
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
#define SP800_38A_CBC                                                    \
    "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"   \
    "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"

/* FIPS 197 C.1 InvCipher, one block, key and ciphertext secret: the key
 * schedule, inv_shift_rows, the inverse S-box circuit, inv_mix_columns. */
static int ct_aes_ct_decrypt_block(void)
{
    uint8_t raw[16], in[16], out[16];
    aes128_ct_key key;
    from_hex(raw, "000102030405060708090a0b0c0d0e0f");
    from_hex(in, "69c4e0d86a7b0430d8cdb78070b4c55a");
    secret(raw, sizeof raw);
    secret(in, sizeof in);
    aes128_ct_set_key(&key, raw);
    aes128_ct_decrypt_block(&key, in, out);
    public(out, sizeof out);
    aes128_ct_wipe(&key);
    return check(out, sizeof out, "00112233445566778899aabbccddeeff");
}

/* SP 800-38A F.2.2, four blocks (two passes of two), key and ciphertext
 * secret, decrypted in place as the record layer does. */
static int ct_aes_ct_cbc_decrypt(void)
{
    uint8_t raw[16], iv[16], buf[64];
    aes128_ct_key key;
    from_hex(raw, SP800_38A_KEY);
    from_hex(iv, "000102030405060708090a0b0c0d0e0f");
    from_hex(buf, SP800_38A_CBC);
    secret(raw, sizeof raw);
    secret(buf, sizeof buf);
    aes128_ct_set_key(&key, raw);
    see_status st = aes128_ct_cbc_decrypt(&key, iv, buf, buf, sizeof buf);
    public(&st, sizeof st);
    public(buf, sizeof buf);
    aes128_ct_wipe(&key);
    return st == SEE_OK && check(buf, sizeof buf, SP800_38A_PLAIN);
}

/* SP 800-38A F.2.2's first three blocks: an odd count, so the last block
 * goes through aes128_ct_decrypt_block. */
static int ct_aes_ct_cbc_decrypt_odd(void)
{
    uint8_t raw[16], iv[16], in[64], out[48];
    aes128_ct_key key;
    from_hex(raw, SP800_38A_KEY);
    from_hex(iv, "000102030405060708090a0b0c0d0e0f");
    from_hex(in, SP800_38A_CBC);
    secret(raw, sizeof raw);
    secret(in, sizeof in);
    aes128_ct_set_key(&key, raw);
    see_status st = aes128_ct_cbc_decrypt(&key, iv, in, out, sizeof out);
    public(&st, sizeof st);
    public(out, sizeof out);
    aes128_ct_wipe(&key);
    return st == SEE_OK &&
           check(out, sizeof out,
                 "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                 "30c81c46a35ce411e5fbc1191a0a52ef");
}

/* SP 800-38A F.2.1, key and plaintext secret. */
static int ct_aes_ct_cbc_encrypt(void)
{
    uint8_t raw[16], iv[16], buf[64];
    aes128_ct_key key;
    from_hex(raw, SP800_38A_KEY);
    from_hex(iv, "000102030405060708090a0b0c0d0e0f");
    from_hex(buf, SP800_38A_PLAIN);
    secret(raw, sizeof raw);
    secret(buf, sizeof buf);
    aes128_ct_set_key(&key, raw);
    see_status st = aes128_ct_cbc_encrypt(&key, iv, buf, buf, sizeof buf);
    public(&st, sizeof st);
    public(buf, sizeof buf);
    aes128_ct_wipe(&key);
    return st == SEE_OK && check(buf, sizeof buf, SP800_38A_CBC);
}

/* SP 800-38A F.5.1, key and plaintext secret (the counter is public). */
static int ct_aes_ct_ctr(void)
{
    uint8_t raw[16], iv[16], buf[64];
    aes128_ct_key key;
    from_hex(raw, SP800_38A_KEY);
    from_hex(iv, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    from_hex(buf, SP800_38A_PLAIN);
    secret(raw, sizeof raw);
    secret(buf, sizeof buf);
    aes128_ct_set_key(&key, raw);
    aes128_ct_ctr_xor(&key, iv, buf, buf, sizeof buf);
    public(buf, sizeof buf);
    aes128_ct_wipe(&key);
    return check(buf, sizeof buf,
                 "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                 "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
}

#define SP800_38A_KEY256                                                 \
    "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
#define SP800_38A_CBC256                                                 \
    "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"   \
    "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"

/* FIPS 197 C.3, key and plaintext secret: the Nk = 8 key expansion (its
 * extra SubWord) and 14 rounds of Cipher. */
static int ct_aes256_ct_encrypt_block(void)
{
    uint8_t raw[32], in[16], out[16];
    aes256_ct_key key;
    from_hex(raw, "000102030405060708090a0b0c0d0e0f"
                  "101112131415161718191a1b1c1d1e1f");
    from_hex(in, "00112233445566778899aabbccddeeff");
    secret(raw, sizeof raw);
    secret(in, sizeof in);
    aes256_ct_set_key(&key, raw);
    aes256_ct_encrypt_block(&key, in, out);
    public(out, sizeof out);
    aes256_ct_wipe(&key);
    return check(out, sizeof out, "8ea2b7ca516745bfeafc49904b496089");
}

/* SP 800-38A F.2.5, key and plaintext secret, in place. */
static int ct_aes256_ct_cbc_encrypt(void)
{
    uint8_t raw[32], iv[16], buf[64];
    aes256_ct_key key;
    from_hex(raw, SP800_38A_KEY256);
    from_hex(iv, "000102030405060708090a0b0c0d0e0f");
    from_hex(buf, SP800_38A_PLAIN);
    secret(raw, sizeof raw);
    secret(buf, sizeof buf);
    aes256_ct_set_key(&key, raw);
    see_status st = aes256_ct_cbc_encrypt(&key, iv, buf, buf, sizeof buf);
    public(&st, sizeof st);
    public(buf, sizeof buf);
    aes256_ct_wipe(&key);
    return st == SEE_OK && check(buf, sizeof buf, SP800_38A_CBC256);
}

/* SP 800-38A F.2.6, key and ciphertext secret (what InvCipher makes of it
 * is the private key of a PKCS#12 file), in place. */
static int ct_aes256_ct_cbc_decrypt(void)
{
    uint8_t raw[32], iv[16], buf[64];
    aes256_ct_key key;
    from_hex(raw, SP800_38A_KEY256);
    from_hex(iv, "000102030405060708090a0b0c0d0e0f");
    from_hex(buf, SP800_38A_CBC256);
    secret(raw, sizeof raw);
    secret(buf, sizeof buf);
    aes256_ct_set_key(&key, raw);
    see_status st = aes256_ct_cbc_decrypt(&key, iv, buf, buf, sizeof buf);
    public(&st, sizeof st);
    public(buf, sizeof buf);
    aes256_ct_wipe(&key);
    return st == SEE_OK && check(buf, sizeof buf, SP800_38A_PLAIN);
}

/* The same CBC decryption on the table AES of aes.c, which the CBC record
 * layer used: its inverse S-box is a table read at a secret index, so an
 * "index" report is expected (the contrast the cases above are for). */
static int ct_aes_table_cbc_decrypt(void)
{
    uint8_t raw[16], iv[16], buf[64];
    aes128_key key;
    from_hex(raw, SP800_38A_KEY);
    from_hex(iv, "000102030405060708090a0b0c0d0e0f");
    from_hex(buf, SP800_38A_CBC);
    aes128_set_key(&key, raw);
    secret(&key, sizeof key);
    secret(buf, sizeof buf);
    see_status st = aes128_cbc_decrypt(&key, iv, buf, buf, sizeof buf);
    public(&st, sizeof st);
    public(buf, sizeof buf);
    aes128_wipe(&key);
    return st == SEE_OK && check(buf, sizeof buf, SP800_38A_PLAIN);
}

#define CT_AES_CT_CASES                                              \
    {"aes_ct_decrypt_block", ct_aes_ct_decrypt_block, CT_PASS},      \
    {"aes_ct_cbc_decrypt", ct_aes_ct_cbc_decrypt, CT_PASS},          \
    {"aes_ct_cbc_decrypt_odd", ct_aes_ct_cbc_decrypt_odd, CT_PASS},  \
    {"aes_ct_cbc_encrypt", ct_aes_ct_cbc_encrypt, CT_PASS},          \
    {"aes_ct_ctr", ct_aes_ct_ctr, CT_PASS},                          \
    {"aes256_ct_encrypt_block", ct_aes256_ct_encrypt_block, CT_PASS},\
    {"aes256_ct_cbc_encrypt", ct_aes256_ct_cbc_encrypt, CT_PASS},    \
    {"aes256_ct_cbc_decrypt", ct_aes256_ct_cbc_decrypt, CT_PASS},    \
    {"aes_table_cbc_decrypt", ct_aes_table_cbc_decrypt, CT_INDEX},
