/*
 * ct_pbkdf2.c: the constant-time check's cases for the password-based
 * keys of a PKCS#12 file: PBKDF2-HMAC-SHA256 (crypto/pbkdf2.c) and RFC
 * 7292 B.2's KDF (pki/pkcs12.c), the password secret.
 *
 * Not a program of its own: tests/ct/ct_check.c includes it above its
 * cases table, as its header says. The lengths, salt and iteration count
 * are public; the password and what is derived from it are not. The
 * answers are RFC 7914 section 11's first PBKDF2 case and the first KDF
 * case of vectors/pkcs12_openssl.txt (openssl kdf PKCS12KDF).
 */
#include "crypto/pbkdf2.h"
#include "pki/pkcs12.h"

/* RFC 7914 11: P = "passwd", S = "salt", c = 1, 64 bytes (two blocks). */
static int ct_pbkdf2_hmac_sha256(void)
{
    uint8_t password[6], dk[64];
    memcpy(password, "passwd", sizeof password);
    secret(password, sizeof password);
    see_status st = pbkdf2_hmac_sha256(password, sizeof password,
                                       (const uint8_t *)"salt", 4, 1, dk,
                                       sizeof dk);
    public(&st, sizeof st);
    public(dk, sizeof dk);
    return st == SEE_OK &&
           check(dk, sizeof dk,
                 "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                 "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
}

/* The MAC key of a PFX: ID 3, the BMPString of "pässword", 2048
 * iterations. */
static int ct_pkcs12_kdf(void)
{
    uint8_t bmp[18], salt[16], key[32];
    from_hex(bmp, "007000e4007300730077006f007200640000");
    from_hex(salt, "000102030405060708090a0b0c0d0e0f");
    secret(bmp, sizeof bmp);
    see_status st = pkcs12_kdf_sha256(bmp, sizeof bmp, salt, sizeof salt, 3,
                                      2048, key, sizeof key);
    public(&st, sizeof st);
    public(key, sizeof key);
    return st == SEE_OK &&
           check(key, sizeof key,
                 "3e668e3cf3329b7be290819e236990bd0da71c676dded0fbd13d1910c1223cf2");
}

#define CT_PBKDF2_CASES                                              \
    {"pbkdf2_hmac_sha256", ct_pbkdf2_hmac_sha256, CT_PASS},          \
    {"pkcs12_kdf", ct_pkcs12_kdf, CT_PASS},
