/*
 * pkcs12.c: a PKCS#12 file of one RSA key and its certificates, for a
 * browser to import (see pkcs12.h for the layout and the password rules).
 *
 * Built from the inside out: the key's PrivateKeyInfo (pki/keyfile.h)
 * encrypted with PBES2 into a pkcs8ShroudedKeyBag; the certificates in
 * certBags, their SafeContents encrypted with PBES2 too; the two in the
 * AuthenticatedSafe; its HMAC-SHA256 in the MacData; all of it in the PFX.
 * Every element goes through the DER writer (codec/der.h).
 */
#include "pki/pkcs12.h"

#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "codec/utf8.h"
#include "core/bytes.h"
#include "core/util.h"
#include "crypto/aes_ct.h"
#include "crypto/hmac.h"
#include "crypto/padding.h"
#include "crypto/pbkdf2.h"
#include "crypto/sha256.h"

/* PFX version (RFC 7292 4: "v3"), EncryptedData version (RFC 5652 8: 0
 * when there are no unprotected attributes). */
#define PFX_VERSION            3
#define ENCRYPTED_DATA_VERSION 0
/* RFC 7292 B.3: the ID byte of the KDF for a MAC key. */
#define KDF_ID_MAC             3

/* ------------------------------------------------- text as BMPString --- */

/* UTF-8 text as UTF-16 big-endian, the contents of a BMPString (X.680
 * 41: two bytes a character), a character above U+FFFF as a surrogate
 * pair (RFC 2781 2.1), as OpenSSL's OPENSSL_utf82uni writes it. Text that
 * is not well-formed UTF-8 (codec/utf8.h: no overlong form, surrogate or
 * code point above U+10FFFF) is SEE_ERR_PKCS12_PASSWORD. */
static see_status utf16be_from_utf8(const char *utf8, size_t len, writer *w)
{
    const uint8_t *text = (const uint8_t *)utf8;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t char_len = utf8_next(text + i, len - i, &cp);
        ENSURE(char_len > 0, SEE_ERR_PKCS12_PASSWORD);
        if (cp > 0xffff) {
            cp -= 0x10000;
            TRY(writer_u16(w, (uint16_t)(0xd800 | (cp >> 10))));
            TRY(writer_u16(w, (uint16_t)(0xdc00 | (cp & 0x3ff))));
        } else {
            TRY(writer_u16(w, (uint16_t)cp));
        }
        i += char_len;
    }
    return SEE_OK;
}

see_status pkcs12_bmp_password(const char *utf8, size_t len, uint8_t *out,
                               size_t cap, size_t *out_len)
{
    writer w;
    writer_init(&w, out, cap);
    see_status st = utf16be_from_utf8(utf8, len, &w);
    if (st == SEE_OK)
        st = writer_u16(&w, 0);   /* RFC 7292 B.1: "two zero bytes" */
    if (st != SEE_OK) {
        see_wipe(out, cap);
        return st;
    }
    *out_len = w.len;
    return SEE_OK;
}

/* ------------------------------------------------- RFC 7292 B.2's KDF --- */

#define KDF_U SHA256_DIGEST_SIZE   /* u: the hash's output, in bytes */
#define KDF_V SHA256_BLOCK_SIZE    /* v: its block */

/* dst[0..dst_len) filled with copies of src (the last one cut): B.2 steps
 * 2, 3 and 6A's "concatenating copies". */
static void fill_repeated(uint8_t *dst, size_t dst_len, const uint8_t *src,
                          size_t src_len)
{
    for (size_t i = 0; i < dst_len; i++)
        dst[i] = src[i % src_len];
}

/* Step 6C: I_j = (I_j + B + 1) mod 2^(8v), v-byte big-endian numbers. */
static void add_block_plus_one(uint8_t block[KDF_V], const uint8_t b[KDF_V])
{
    unsigned carry = 1;
    for (int k = KDF_V - 1; k >= 0; k--) {
        unsigned sum = block[k] + b[k] + carry;
        block[k] = (uint8_t)sum;
        carry = sum >> 8;
    }
}

/* Step 6A: A_i = H^c(D || I), the hash applied c times. */
static void kdf_hash(const uint8_t d[KDF_V], const uint8_t *i, size_t i_len,
                     uint32_t iterations, uint8_t a[KDF_U])
{
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, d, KDF_V);
    sha256_update(&ctx, i, i_len);
    sha256_final(&ctx, a);
    for (uint32_t j = 1; j < iterations; j++)
        sha256(a, KDF_U, a);
}

static size_t round_up_to_v(size_t n)
{
    return (n + KDF_V - 1) / KDF_V * KDF_V;
}

see_status pkcs12_kdf_sha256(const uint8_t *bmp_password, size_t password_len,
                             const uint8_t *salt, size_t salt_len, uint8_t id,
                             uint32_t iterations, uint8_t *out, size_t n)
{
    ENSURE(iterations >= 1, SEE_ERR_PBKDF2_ITERATIONS);
    uint8_t d[KDF_V], a[KDF_U], b[KDF_V];
    memset(d, id, sizeof d);                        /* step 1: D */
    size_t s_len = round_up_to_v(salt_len);         /* step 2: S */
    size_t p_len = round_up_to_v(password_len);     /* step 3: P */
    size_t i_len = s_len + p_len;                   /* step 4: I = S || P */
    uint8_t *i = malloc(i_len > 0 ? i_len : 1);
    ENSURE(i != NULL, SEE_ERR_NO_MEMORY);
    fill_repeated(i, s_len, salt, salt_len);
    fill_repeated(i + s_len, p_len, bmp_password, password_len);
    /* Steps 5-8: A_1 || A_2 || ..., each from the I that the one before
     * changed, the first n bytes kept. */
    for (size_t off = 0; off < n; off += KDF_U) {
        kdf_hash(d, i, i_len, iterations, a);
        memcpy(out + off, a, n - off < KDF_U ? n - off : KDF_U);
        if (n - off <= KDF_U)
            break;                                  /* no A_(i+1) needed */
        fill_repeated(b, sizeof b, a, sizeof a);    /* step 6B */
        for (size_t k = 0; k < i_len; k += KDF_V)   /* step 6C */
            add_block_plus_one(i + k, b);
    }
    see_wipe(i, i_len > 0 ? i_len : 1);
    free(i);
    see_wipe(a, sizeof a);
    see_wipe(b, sizeof b);
    return SEE_OK;
}

/* ---------------------------------------------------------------- PBES2 --- */

see_status pkcs12_pbes2_encrypt(const char *password, size_t password_len,
                                const uint8_t *salt, size_t salt_len,
                                uint32_t iterations, const uint8_t iv[16],
                                const uint8_t *in, size_t len, uint8_t *out,
                                size_t cap, size_t *out_len)
{
    ENSURE(cap >= len + AES_BLOCK_SIZE - len % AES_BLOCK_SIZE,
           SEE_ERR_BUFFER_SMALL);
    size_t padded;
    memmove(out, in, len);
    TRY(pkcs7_pad(out, len, cap, &padded));     /* RFC 8018 6.2.1 step 4 */
    uint8_t dk[AES256_KEY_SIZE];
    see_status st = pbkdf2_hmac_sha256(password, password_len, salt, salt_len,
                                       iterations, dk, sizeof dk);
    if (st == SEE_OK) {
        aes256_ct_key key;
        aes256_ct_set_key(&key, dk);
        st = aes256_ct_cbc_encrypt(&key, iv, out, out, padded);
        aes256_ct_wipe(&key);
    }
    see_wipe(dk, sizeof dk);
    if (st != SEE_OK) {
        see_wipe(out, padded);
        return st;
    }
    *out_len = padded;
    return SEE_OK;
}

/* AlgorithmIdentifier { PBES2, PBES2-params } (RFC 8018 A.4):
 *   PBES2-params ::= SEQUENCE {
 *     keyDerivationFunc AlgorithmIdentifier {PBKDF2, PBKDF2-params},
 *     encryptionScheme  AlgorithmIdentifier {aes256-CBC, IV} }
 *   PBKDF2-params ::= SEQUENCE {               (A.2)
 *     salt OCTET STRING, iterationCount INTEGER,
 *     prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 * keyLength is left out (optional; the cipher fixes it). */
void pkcs12_write_pbes2_algorithm(der_writer *dw, const uint8_t *salt,
                                  size_t salt_len, uint32_t iterations,
                                  const uint8_t iv[16])
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_PBES2));
    der_begin(dw, DER_SEQUENCE);
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_PBKDF2));
    der_begin(dw, DER_SEQUENCE);
    der_write_octet_string(dw, salt, salt_len);
    der_write_small_uint(dw, iterations);
    oid_write_algorithm(dw, OID_HMAC_WITH_SHA256);
    der_end(dw);
    der_end(dw);
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_AES256_CBC));
    der_write_octet_string(dw, iv, AES_BLOCK_SIZE);   /* B.2.5: the IV */
    der_end(dw);
    der_end(dw);
    der_end(dw);
}

/* ------------------------------------------------------------ the file --- */

/* Salts and IVs, all from the rng before anything is written. */
typedef struct {
    uint8_t key_salt[PKCS12_SALT_SIZE], key_iv[AES_BLOCK_SIZE];
    uint8_t cert_salt[PKCS12_SALT_SIZE], cert_iv[AES_BLOCK_SIZE];
    uint8_t mac_salt[PKCS12_SALT_SIZE];
} pkcs12_randoms;

/* What the bags share: the password, the name as a BMPString, and the
 * localKeyId. */
typedef struct {
    const char *password;
    size_t password_len;
    uint32_t iterations;
    uint8_t *name_bmp;
    size_t name_bmp_len;
    uint8_t key_id[SHA256_DIGEST_SIZE];
} bag_context;

/* One attribute (RFC 7292 4.2: PKCS12Attribute): SEQUENCE { OID, SET {
 * value } }, the value a primitive of tag. */
static void write_attribute(der_writer *dw, oid_id id, uint8_t tag,
                            const uint8_t *value, size_t len)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(id));
    der_begin(dw, DER_SET);
    der_write_tlv(dw, tag, value, len);
    der_end(dw);
    der_end(dw);
}

/* bagAttributes: friendlyName (the name a browser lists, PKCS #9
 * 5.5.1, a BMPString) and localKeyId (which key goes with which
 * certificate, 5.5.2). A SET OF is written sorted in DER (X.690 11.6):
 * here the two attributes have the same type, SEQUENCE, and differ
 * first in their length byte or the OID after it, so the shorter or the
 * smaller OID goes first; friendlyName's OID ends in 0x14, localKeyId's
 * in 0x15. */
static void write_bag_attributes(der_writer *dw, const bag_context *b)
{
    /* Each attribute is SEQUENCE { 9-byte OID, SET { value } }, so the
     * attributes' lengths compare as their values' do, and with equal
     * lengths the OIDs decide: friendlyName first. */
    int name_first = b->name_bmp_len <= sizeof b->key_id;
    der_begin(dw, DER_SET);
    if (name_first)
        write_attribute(dw, OID_FRIENDLY_NAME, DER_BMP_STRING, b->name_bmp,
                        b->name_bmp_len);
    write_attribute(dw, OID_LOCAL_KEY_ID, DER_OCTET_STRING, b->key_id,
                    sizeof b->key_id);
    if (!name_first)
        write_attribute(dw, OID_FRIENDLY_NAME, DER_BMP_STRING, b->name_bmp,
                        b->name_bmp_len);
    der_end(dw);
}

/* SafeBag { certBag, [0] CertBag { x509Certificate, [0] OCTET STRING
 * cert } } (RFC 7292 4.2, 4.2.3), with the attributes for the key's own
 * certificate (b), none for its CA (b NULL, as openssl writes a CA). */
static void write_cert_bag(der_writer *dw, const uint8_t *cert, size_t len,
                           const bag_context *b)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_CERT_BAG));
    der_begin(dw, DER_CONTEXT(0));
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_X509_CERTIFICATE));
    der_begin(dw, DER_CONTEXT(0));
    der_write_octet_string(dw, cert, len);
    der_end(dw);
    der_end(dw);
    der_end(dw);
    if (b != NULL)
        write_bag_attributes(dw, b);
    der_end(dw);
}

/* ContentInfo { data, [0] OCTET STRING content } (RFC 5652 3, 4). */
static void write_data_content_info(der_writer *dw, const uint8_t *content,
                                    size_t len)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_PKCS7_DATA));
    der_begin(dw, DER_CONTEXT(0));
    der_write_octet_string(dw, content, len);
    der_end(dw);
    der_end(dw);
}

/* ContentInfo { encryptedData, [0] EncryptedData { version 0,
 * EncryptedContentInfo { data, PBES2, [0] IMPLICIT encryptedContent } } }
 * (RFC 5652 8, 6.1). */
static void write_encrypted_content_info(der_writer *dw, const uint8_t *salt,
                                         const uint8_t *iv, uint32_t iterations,
                                         const uint8_t *enc, size_t len)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_PKCS7_ENCRYPTED_DATA));
    der_begin(dw, DER_CONTEXT(0));
    der_begin(dw, DER_SEQUENCE);
    der_write_small_uint(dw, ENCRYPTED_DATA_VERSION);
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_PKCS7_DATA));
    pkcs12_write_pbes2_algorithm(dw, salt, PKCS12_SALT_SIZE, iterations, iv);
    der_write_tlv(dw, DER_CONTEXT_PRIM(0), enc, len);
    der_end(dw);
    der_end(dw);
    der_end(dw);
    der_end(dw);
}

/* The buffers the file is built in, each freed (and wiped) by
 * release_buffers. */
typedef struct {
    uint8_t *plain;        /* a SafeContents, or the key's PrivateKeyInfo */
    size_t plain_cap;
    uint8_t *enc;          /* its PBES2 encryption */
    size_t enc_cap;
    uint8_t *safe;         /* the AuthenticatedSafe */
    size_t safe_cap;
} pkcs12_buffers;

/* certs_len: the certificates and the name, the most the bags add to. */
static see_status alloc_buffers(pkcs12_buffers *buf, size_t certs_len)
{
    buf->plain_cap = (certs_len > KEYFILE_MAX_SIZE ? certs_len : KEYFILE_MAX_SIZE) + 1024;
    buf->enc_cap = buf->plain_cap + AES_BLOCK_SIZE;
    buf->safe_cap = PKCS12_MAX_SIZE;
    buf->plain = malloc(buf->plain_cap);
    buf->enc = malloc(buf->enc_cap);
    buf->safe = malloc(buf->safe_cap);
    return buf->plain && buf->enc && buf->safe ? SEE_OK : SEE_ERR_NO_MEMORY;
}

static void release_buffers(pkcs12_buffers *buf)
{
    if (buf->plain != NULL)
        see_wipe(buf->plain, buf->plain_cap);
    if (buf->enc != NULL)
        see_wipe(buf->enc, buf->enc_cap);
    free(buf->plain);
    free(buf->enc);
    free(buf->safe);
}

/* The certificates' SafeContents, encrypted, as the first ContentInfo. */
static see_status write_cert_safe(der_writer *safe, const pkcs12_contents *c,
                                  const bag_context *b, const pkcs12_randoms *rnd,
                                  pkcs12_buffers *buf)
{
    der_writer dw;
    size_t plain_len, enc_len;
    der_writer_init(&dw, buf->plain, buf->plain_cap);
    der_begin(&dw, DER_SEQUENCE);
    write_cert_bag(&dw, c->cert, c->cert_len, b);
    if (c->ca_cert != NULL)
        write_cert_bag(&dw, c->ca_cert, c->ca_cert_len, NULL);
    der_end(&dw);
    TRY(der_writer_finish(&dw, &plain_len));
    TRY(pkcs12_pbes2_encrypt(b->password, b->password_len, rnd->cert_salt,
                             PKCS12_SALT_SIZE, b->iterations, rnd->cert_iv,
                             buf->plain, plain_len, buf->enc, buf->enc_cap,
                             &enc_len));
    write_encrypted_content_info(safe, rnd->cert_salt, rnd->cert_iv,
                                 b->iterations, buf->enc, enc_len);
    return SEE_OK;
}

/* The key's SafeContents, a pkcs8ShroudedKeyBag (RFC 7292 4.2.2) holding
 * an EncryptedPrivateKeyInfo (RFC 5958 3: SEQUENCE { PBES2, OCTET STRING
 * }), as the second ContentInfo (data: the bag's own encryption is
 * enough). */
static see_status write_key_safe(der_writer *safe, const pkcs12_contents *c,
                                 const bag_context *b, const pkcs12_randoms *rnd,
                                 pkcs12_buffers *buf)
{
    size_t key_len, enc_len, bag_len;
    TRY(keyfile_write_rsa_private(c->key, KEYFILE_PKCS8, 0, buf->plain,
                                  buf->plain_cap, &key_len));
    TRY(pkcs12_pbes2_encrypt(b->password, b->password_len, rnd->key_salt,
                             PKCS12_SALT_SIZE, b->iterations, rnd->key_iv,
                             buf->plain, key_len, buf->enc, buf->enc_cap,
                             &enc_len));
    der_writer dw;
    der_writer_init(&dw, buf->plain, buf->plain_cap);   /* the key is gone */
    der_begin(&dw, DER_SEQUENCE);                       /* SafeContents */
    der_begin(&dw, DER_SEQUENCE);                       /* SafeBag */
    der_write_oid(&dw, oid_get(OID_PKCS8_SHROUDED_KEY_BAG));
    der_begin(&dw, DER_CONTEXT(0));
    der_begin(&dw, DER_SEQUENCE);                       /* EncryptedPrivateKeyInfo */
    pkcs12_write_pbes2_algorithm(&dw, rnd->key_salt, PKCS12_SALT_SIZE,
                                 b->iterations, rnd->key_iv);
    der_write_octet_string(&dw, buf->enc, enc_len);
    der_end(&dw);
    der_end(&dw);
    write_bag_attributes(&dw, b);
    der_end(&dw);
    der_end(&dw);
    TRY(der_writer_finish(&dw, &bag_len));
    write_data_content_info(safe, buf->plain, bag_len);
    return SEE_OK;
}

/* MacData { DigestInfo { sha256, HMAC }, macSalt, iterations } (RFC 7292
 * 4, 5.1): HMAC-SHA256 over the AuthenticatedSafe's DER, keyed by B.2's
 * KDF with ID 3 over the BMPString password. iterations DEFAULT 1 is left
 * out when it is 1, as DER requires (X.690 11.5). */
static see_status write_mac_data(der_writer *dw, const bag_context *b,
                                 const uint8_t mac_salt[PKCS12_SALT_SIZE],
                                 const uint8_t *safe, size_t safe_len)
{
    size_t bmp_cap = 2 * b->password_len + 2, bmp_len;
    uint8_t *bmp = malloc(bmp_cap);
    ENSURE(bmp != NULL, SEE_ERR_NO_MEMORY);
    uint8_t mac_key[HMAC_SHA256_SIZE], mac[HMAC_SHA256_SIZE];
    see_status st = pkcs12_bmp_password(b->password, b->password_len, bmp,
                                        bmp_cap, &bmp_len);
    if (st == SEE_OK)
        st = pkcs12_kdf_sha256(bmp, bmp_len, mac_salt, PKCS12_SALT_SIZE,
                               KDF_ID_MAC, b->iterations, mac_key,
                               sizeof mac_key);
    if (st == SEE_OK) {
        hmac_sha256(mac_key, sizeof mac_key, safe, safe_len, mac);
        der_begin(dw, DER_SEQUENCE);
        der_begin(dw, DER_SEQUENCE);             /* DigestInfo */
        oid_write_algorithm(dw, OID_SHA256);
        der_write_octet_string(dw, mac, sizeof mac);
        der_end(dw);
        der_write_octet_string(dw, mac_salt, PKCS12_SALT_SIZE);
        if (b->iterations != 1)
            der_write_small_uint(dw, b->iterations);
        der_end(dw);
    }
    see_wipe(bmp, bmp_cap);
    free(bmp);
    see_wipe(mac_key, sizeof mac_key);
    return st;
}

/* The AuthenticatedSafe (RFC 7292 4.1) into buf->safe. */
static see_status write_authenticated_safe(const pkcs12_contents *c,
                                           const bag_context *b,
                                           const pkcs12_randoms *rnd,
                                           pkcs12_buffers *buf, size_t *len)
{
    der_writer safe;
    der_writer_init(&safe, buf->safe, buf->safe_cap);
    der_begin(&safe, DER_SEQUENCE);
    TRY(write_cert_safe(&safe, c, b, rnd, buf));
    TRY(write_key_safe(&safe, c, b, rnd, buf));
    der_end(&safe);
    return der_writer_finish(&safe, len);
}

static see_status check_contents(const pkcs12_contents *c)
{
    ENSURE(c->key != NULL && c->cert != NULL && c->cert_len > 0 &&
           c->name != NULL && c->password != NULL, SEE_ERR_ARGUMENT);
    ENSURE(strlen(c->password) <= PKCS12_MAX_PASSWORD, SEE_ERR_PKCS12_PASSWORD);
    ENSURE(c->ca_cert == NULL || c->ca_cert_len > 0, SEE_ERR_ARGUMENT);
    return SEE_OK;
}

/* The name as the BMPString of friendlyName, in a buffer of its own. */
static see_status name_to_bmp(const char *name, bag_context *b)
{
    size_t len = strlen(name);
    b->name_bmp = malloc(2 * len + 2);
    ENSURE(b->name_bmp != NULL, SEE_ERR_NO_MEMORY);
    writer w;
    writer_init(&w, b->name_bmp, 2 * len + 2);
    ENSURE(utf16be_from_utf8(name, len, &w) == SEE_OK, SEE_ERR_ARGUMENT);
    b->name_bmp_len = w.len;
    return SEE_OK;
}

static see_status draw_randoms(see_rng *rng, pkcs12_randoms *rnd)
{
    see_rng system;
    if (rng == NULL) {
        rng_init_system(&system);
        rng = &system;
    }
    return rng_bytes(rng, rnd, sizeof *rnd);
}

/* PFX { version 3, ContentInfo { data, AuthenticatedSafe }, MacData }
 * (RFC 7292 4). */
static see_status write_pfx(const pkcs12_contents *c, const bag_context *b,
                            const pkcs12_randoms *rnd, pkcs12_buffers *buf,
                            uint8_t *out, size_t cap, size_t *out_len)
{
    size_t safe_len;
    TRY(write_authenticated_safe(c, b, rnd, buf, &safe_len));
    der_writer dw;
    der_writer_init(&dw, out, cap);
    der_begin(&dw, DER_SEQUENCE);
    der_write_small_uint(&dw, PFX_VERSION);
    write_data_content_info(&dw, buf->safe, safe_len);
    TRY(write_mac_data(&dw, b, rnd->mac_salt, buf->safe, safe_len));
    der_end(&dw);
    return der_writer_finish(&dw, out_len);
}

see_status pkcs12_write(const pkcs12_contents *c, see_rng *rng, uint8_t *out,
                        size_t cap, size_t *out_len)
{
    TRY(check_contents(c));
    /* The password must be UTF-8 (B.1): checked before anything costly. */
    ENSURE(utf8_valid((const uint8_t *)c->password, strlen(c->password)),
           SEE_ERR_PKCS12_PASSWORD);

    bag_context b = {
        .password = c->password, .password_len = strlen(c->password),
        .iterations = c->iterations != 0 ? c->iterations : PKCS12_ITERATIONS,
    };
    sha256(c->cert, c->cert_len, b.key_id);
    pkcs12_randoms rnd;
    pkcs12_buffers buf = {0};
    see_status st = name_to_bmp(c->name, &b);
    if (st == SEE_OK)
        st = draw_randoms(rng, &rnd);
    if (st == SEE_OK)
        st = alloc_buffers(&buf, c->cert_len + c->ca_cert_len + b.name_bmp_len);
    if (st == SEE_OK)
        st = write_pfx(c, &b, &rnd, &buf, out, cap, out_len);
    release_buffers(&buf);
    free(b.name_bmp);
    see_wipe(&rnd, sizeof rnd);
    return st;
}
