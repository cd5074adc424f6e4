/*
 * keyfile_x25519.c: X25519 keys in PEM and DER files (RFC 8410). See
 * keyfile_x25519.h for the forms; the ASN.1 of each is quoted at its
 * parser.
 */
#include "pki/keyfile_x25519.h"

#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "codec/pem.h"
#include "core/util.h"

/* ------------------------------------------------------ the parsers --- */

/* Record a semantic error at the reader's position (DER errors are
 * recorded by der.c itself) and return it. */
static see_status fail(der_reader *d, see_status status)
{
    if (d->ctx->error == SEE_OK) {
        d->ctx->error = status;
        d->ctx->error_offset = der_offset(d);
    }
    return status;
}

/* RFC 8410 3:
 *   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER,
 *                                      parameters ANY OPTIONAL }
 *   id-X25519 OBJECT IDENTIFIER ::= { 1 3 101 110 }
 * "For all of the OIDs, the parameters MUST be absent." */
static see_status parse_x25519_algorithm(der_reader *d)
{
    der_reader seq;
    const uint8_t *oid;
    size_t oid_len;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    der_reader at_oid = seq;
    TRY(der_read_oid(&seq, &oid, &oid_len));
    if (oid_is(oid, oid_len, OID_RSA_ENCRYPTION))
        return fail(&at_oid, SEE_ERR_KEY_IS_RSA);
    if (!oid_is(oid, oid_len, OID_X25519))
        return fail(&at_oid, SEE_ERR_KEY_NOT_X25519);
    if (!der_at_end(&seq))
        return fail(&seq, SEE_ERR_KEY_X25519_PARAMETERS);
    return SEE_OK;
}

/* 32 bytes exactly from bytes/len into out, or SEE_ERR_KEY_X25519_LENGTH
 * recorded at `at`. */
static see_status take_32(der_reader *at, const uint8_t *bytes, size_t len,
                          uint8_t out[X25519_KEY_SIZE])
{
    if (len != X25519_KEY_SIZE)
        return fail(at, SEE_ERR_KEY_X25519_LENGTH);
    memcpy(out, bytes, X25519_KEY_SIZE);
    return SEE_OK;
}

/* RFC 8410 7: the privateKey OCTET STRING holds
 *   CurvePrivateKey ::= OCTET STRING      -- 32 bytes for X25519 */
static see_status parse_curve_private_key(der_reader *d,
                                          uint8_t a[X25519_KEY_SIZE])
{
    der_reader inner;
    const uint8_t *bytes;
    size_t len;
    TRY(der_read_tlv(d, DER_OCTET_STRING, &inner, NULL, NULL));
    der_reader at_key = inner;
    TRY(der_read_octet_string(&inner, &bytes, &len));
    TRY(take_32(&at_key, bytes, len, a));
    return der_expect_end(&inner);
}

/* RFC 5958 2's publicKey [1] IMPLICIT BIT STRING: the contents are the
 * unused-bits count (0) and the 32 bytes of A, which must be a*G. */
static see_status check_public_key_field(der_reader *field,
                                         const uint8_t a[X25519_KEY_SIZE])
{
    der_reader at_field = *field;
    uint8_t unused;
    const uint8_t *bytes;
    size_t len = reader_remaining(&field->r);
    if (reader_u8(&field->r, &unused) != SEE_OK || unused != 0 || len != 33)
        return fail(&at_field, SEE_ERR_KEY_X25519_LENGTH);
    TRY(reader_bytes(&field->r, X25519_KEY_SIZE, &bytes));
    uint8_t computed[X25519_KEY_SIZE];
    x25519_public_key(computed, a);
    int same = see_ct_equal(computed, bytes, X25519_KEY_SIZE);
    see_wipe(computed, sizeof computed);
    return same ? SEE_OK : fail(&at_field, SEE_ERR_KEY_X25519_MISMATCH);
}

/* RFC 8410 7 (RFC 5958 2):
 *   OneAsymmetricKey ::= SEQUENCE {
 *       version Version,                      -- 0, or 1 with publicKey
 *       privateKeyAlgorithm AlgorithmIdentifier,
 *       privateKey OCTET STRING,              -- a CurvePrivateKey
 *       attributes [0] IMPLICIT Attributes OPTIONAL,
 *       publicKey [1] IMPLICIT BIT STRING OPTIONAL }  -- version 1 only
 * a is written only on success. */
static see_status parse_pkcs8(der_reader *d, uint8_t a[X25519_KEY_SIZE])
{
    der_reader seq, ignored, public_field;
    uint64_t version;
    int present;
    uint8_t key[X25519_KEY_SIZE];
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    der_reader at_version = seq;
    TRY(der_read_small_uint(&seq, &version));
    if (version > 1)
        return fail(&at_version, SEE_ERR_KEY_VERSION);
    TRY(parse_x25519_algorithm(&seq));
    see_status st = parse_curve_private_key(&seq, key);
    if (st == SEE_OK)
        st = der_read_optional(&seq, DER_CONTEXT(0), &ignored, &present);
    if (st == SEE_OK && version == 1)
        st = der_read_optional(&seq, DER_CONTEXT_PRIM(1), &public_field,
                               &present);
    if (st == SEE_OK && version == 1 && present)
        st = check_public_key_field(&public_field, key);
    if (st == SEE_OK)
        st = der_expect_end(&seq);
    if (st == SEE_OK)
        memcpy(a, key, sizeof key);
    see_wipe(key, sizeof key);
    return st;
}

/* RFC 8410 4 (RFC 5280 4.1):
 *   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
 *                                       subjectPublicKey BIT STRING }
 * the BIT STRING holding the 32 bytes of u, no unused bits. */
static see_status parse_spki(der_reader *d, uint8_t public_key[X25519_KEY_SIZE])
{
    der_reader seq;
    const uint8_t *bits;
    size_t len;
    unsigned unused;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    TRY(parse_x25519_algorithm(&seq));
    der_reader at_key = seq;
    TRY(der_read_bit_string(&seq, &bits, &len, &unused));
    if (unused != 0)
        return fail(&at_key, SEE_ERR_KEY_X25519_LENGTH);
    TRY(take_32(&at_key, bits, len, public_key));
    return der_expect_end(&seq);
}

/* -------------------------------------------------- finding the DER --- */

typedef enum { HOLDS_PRIVATE, HOLDS_PUBLIC } holds;

/* The DER of a key file and what it holds. */
typedef struct {
    uint8_t *der;
    size_t len;
    holds what;
    int owned;      /* 1: decoded from PEM into a buffer of ours */
} key_der;

/* What a PEM label says: the two forms RFC 8410 uses, and labels that
 * are refused by name. */
static const struct {
    const char *label;
    holds what;
    see_status refusal;
} labels[] = {
    {"PRIVATE KEY", HOLDS_PRIVATE, SEE_OK},
    {"PUBLIC KEY", HOLDS_PUBLIC, SEE_OK},
    {"ENCRYPTED PRIVATE KEY", HOLDS_PRIVATE, SEE_ERR_KEY_ENCRYPTED},
    {"RSA PRIVATE KEY", HOLDS_PRIVATE, SEE_ERR_KEY_IS_RSA},
    {"RSA PUBLIC KEY", HOLDS_PUBLIC, SEE_ERR_KEY_IS_RSA},
    {"EC PRIVATE KEY", HOLDS_PRIVATE, SEE_ERR_KEY_NOT_X25519},
};

/* The first PEM block whose label the table names, decoded; other blocks
 * and text around them are passed over (RFC 7468 2). */
static see_status unwrap_pem(const uint8_t *file, size_t len, key_der *k)
{
    pem_iter it;
    pem_block block;
    see_status st;
    int seen = 0;
    pem_iter_init(&it, file, len);
    while ((st = pem_next(&it, &block)) == SEE_OK) {
        for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
            if (!pem_label_is(&block, labels[i].label))
                continue;
            TRY(labels[i].refusal);
            TRY(pem_decode_body_alloc(&block, &k->der, &k->len));
            k->what = labels[i].what;
            k->owned = 1;
            return SEE_OK;
        }
        seen = 1;
    }
    return st == SEE_ERR_PEM_NO_BEGIN && seen ? SEE_ERR_PEM_LABEL : st;
}

/* Which form bare DER is: a PrivateKeyInfo's first field is its version
 * INTEGER, a SubjectPublicKeyInfo's its AlgorithmIdentifier SEQUENCE. */
static holds guess_form(const uint8_t *der, size_t len)
{
    der_context ctx = {0, SEE_OK};
    der_reader d, seq;
    uint8_t tag;
    der_reader_init(&d, &ctx, der, len);
    if (der_read_tlv(&d, DER_SEQUENCE, &seq, NULL, NULL) == SEE_OK &&
        der_peek_tag(&seq, &tag) == SEE_OK && tag == DER_SEQUENCE)
        return HOLDS_PUBLIC;
    return HOLDS_PRIVATE;
}

/* The DER inside a file: the file itself when it is DER (pem_file_is_der),
 * else its first PEM block with a label we know. */
static see_status unwrap(const uint8_t *file, size_t len, key_der *k)
{
    ENSURE(len > 0 && len <= KEYFILE_MAX_INPUT, SEE_ERR_KEY_FORMAT);
    k->owned = 0;
    if (!pem_file_is_der(file, len))
        return unwrap_pem(file, len, k);
    k->der = (uint8_t *)file;
    k->len = len;
    k->what = guess_form(file, len);
    return SEE_OK;
}

static void release(key_der *k)
{
    if (k->owned) {
        see_wipe(k->der, k->len);
        free(k->der);
    }
}

/* A bare DER file that is none of ours may be an RSA key (PKCS#1 has no
 * AlgorithmIdentifier to name it) or an encrypted one: say so, rather than
 * report the tag that did not fit. */
static see_status name_other_der(const key_der *k, see_status st)
{
    if (k->owned || st == SEE_ERR_KEY_IS_RSA)
        return st;
    rsa_public_key rsa;
    rsa_public_init(&rsa);
    see_status other = keyfile_read_rsa_public(k->der, k->len, &rsa, NULL);
    rsa_public_clear(&rsa);
    if (other == SEE_OK)
        return SEE_ERR_KEY_IS_RSA;
    return other == SEE_ERR_KEY_ENCRYPTED ? other : st;
}

/* The steps both readers share: find the DER, refuse a public key where a
 * private one is wanted, parse it as what it holds, into a (private) or A
 * (public), then wipe and free the decoded copy. */
static see_status read_key(const uint8_t *file, size_t len, int want_private,
                           uint8_t a[X25519_KEY_SIZE],
                           uint8_t public_key[X25519_KEY_SIZE],
                           keyfile_info *info)
{
    keyfile_info scratch;
    if (info == NULL)
        info = &scratch;
    memset(info, 0, sizeof *info);
    key_der k;
    TRY(unwrap(file, len, &k));
    info->was_pem = k.owned;
    info->is_private = k.what == HOLDS_PRIVATE;
    info->form = k.what == HOLDS_PRIVATE ? KEYFILE_PKCS8 : KEYFILE_SPKI;
    see_status st;
    if (want_private && k.what == HOLDS_PUBLIC) {
        st = SEE_ERR_KEY_NOT_PRIVATE;
    } else {
        der_reader d;
        der_reader_init(&d, &info->der, k.der, k.len);
        st = k.what == HOLDS_PRIVATE ? parse_pkcs8(&d, a) : parse_spki(&d, public_key);
        if (st == SEE_OK)
            st = der_expect_end(&d);
        if (st != SEE_OK) {
            see_status named = name_other_der(&k, st);
            if (named != st) /* the whole file is that: no offset to give */
                memset(&info->der, 0, sizeof info->der);
            st = named;
        }
    }
    release(&k);
    return st;
}

see_status keyfile_read_x25519_private(const uint8_t *file, size_t len,
                                       uint8_t private_key[X25519_KEY_SIZE],
                                       keyfile_info *info)
{
    uint8_t a[X25519_KEY_SIZE], unused[X25519_KEY_SIZE];
    see_status st = read_key(file, len, 1, a, unused, info);
    if (st == SEE_OK)
        memcpy(private_key, a, sizeof a);
    see_wipe(a, sizeof a);
    return st;
}

see_status keyfile_read_x25519_any(const uint8_t *file, size_t len,
                                   uint8_t private_key[X25519_KEY_SIZE],
                                   uint8_t public_key[X25519_KEY_SIZE],
                                   keyfile_info *info)
{
    uint8_t a[X25519_KEY_SIZE], A[X25519_KEY_SIZE];
    see_status st = read_key(file, len, 0, a, A, info);
    if (st == SEE_OK && info->is_private) {
        x25519_public_key(A, a);
        memcpy(private_key, a, sizeof a);
    }
    if (st == SEE_OK)
        memcpy(public_key, A, sizeof A);
    see_wipe(a, sizeof a);
    return st;
}

see_status keyfile_read_x25519_public(const uint8_t *file, size_t len,
                                      uint8_t public_key[X25519_KEY_SIZE],
                                      keyfile_info *info)
{
    keyfile_info scratch;
    uint8_t a[X25519_KEY_SIZE];
    see_status st = keyfile_read_x25519_any(file, len, a, public_key,
                                            info != NULL ? info : &scratch);
    see_wipe(a, sizeof a);
    return st;
}

/* ------------------------------------------------------ the writers --- */

/* id-X25519 with its parameters absent (RFC 8410 3). */
static void write_algorithm(der_writer *dw)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_X25519));
    der_end(dw);
}

/* der[0..der_len) as it is (pem = 0) or as a PEM block labelled label. */
static see_status emit(const char *label, const uint8_t *der, size_t der_len,
                       int pem, uint8_t *out, size_t cap, size_t *out_len)
{
    if (pem)
        return pem_encode(label, der, der_len, (char *)out, cap, out_len);
    ENSURE(der_len <= cap, SEE_ERR_BUFFER_SMALL);
    memcpy(out, der, der_len);
    *out_len = der_len;
    return SEE_OK;
}

/* Version 0, as openssl writes it: no attributes, no publicKey. */
see_status keyfile_write_x25519_private(const uint8_t private_key[X25519_KEY_SIZE],
                                        int pem, uint8_t *out, size_t cap,
                                        size_t *out_len)
{
    uint8_t der[KEYFILE_X25519_PRIVATE_DER + 16], curve_private_key[34];
    der_writer inner, dw;
    size_t inner_len, len;
    der_writer_init(&inner, curve_private_key, sizeof curve_private_key);
    der_write_octet_string(&inner, private_key, X25519_KEY_SIZE);
    see_status st = der_writer_finish(&inner, &inner_len);
    der_writer_init(&dw, der, sizeof der);
    der_begin(&dw, DER_SEQUENCE);
    der_write_small_uint(&dw, 0);
    write_algorithm(&dw);
    der_write_octet_string(&dw, curve_private_key, inner_len);
    der_end(&dw);
    if (st == SEE_OK)
        st = der_writer_finish(&dw, &len);
    if (st == SEE_OK)
        st = emit("PRIVATE KEY", der, len, pem, out, cap, out_len);
    see_wipe(curve_private_key, sizeof curve_private_key);
    see_wipe(der, sizeof der);
    return st;
}

see_status keyfile_write_x25519_public(const uint8_t public_key[X25519_KEY_SIZE],
                                       int pem, uint8_t *out, size_t cap,
                                       size_t *out_len)
{
    uint8_t der[KEYFILE_X25519_PUBLIC_DER + 16];
    der_writer dw;
    size_t len;
    der_writer_init(&dw, der, sizeof der);
    der_begin(&dw, DER_SEQUENCE);
    write_algorithm(&dw);
    der_write_bit_string(&dw, public_key, X25519_KEY_SIZE, 0);
    der_end(&dw);
    TRY(der_writer_finish(&dw, &len));
    return emit("PUBLIC KEY", der, len, pem, out, cap, out_len);
}
