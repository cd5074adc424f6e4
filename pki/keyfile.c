/*
 * keyfile.c: RSA keys and DH parameters in PEM and DER files. See
 * keyfile.h for the forms; the ASN.1 of each is quoted at its parser.
 */
#include "pki/keyfile.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "codec/oid.h"
#include "codec/pem.h"
#include "core/util.h"

const char *keyfile_form_name(keyfile_form form)
{
    switch (form) {
    case KEYFILE_RSA_PKCS1: return "PKCS#1";
    case KEYFILE_PKCS8: return "PKCS#8";
    case KEYFILE_SPKI: return "SubjectPublicKeyInfo";
    case KEYFILE_DH_PKCS3: return "PKCS#3";
    }
    return "?";
}

/* -------------------------------------------------- finding the DER --- */

/* What a PEM label says the DER is. */
typedef enum {
    HOLDS_UNKNOWN,          /* bare DER: try each form */
    HOLDS_RSA_PRIVATE,      /* PKCS#1 RSAPrivateKey */
    HOLDS_PKCS8,
    HOLDS_SPKI,
    HOLDS_RSA_PUBLIC,       /* PKCS#1 RSAPublicKey */
    HOLDS_DH_PARAMS,
} holds;

typedef struct {
    const char *label;
    holds what;
    see_status refusal;     /* SEE_OK, or why a file with this label is refused */
} label_entry;

static const label_entry labels[] = {
    {"RSA PRIVATE KEY", HOLDS_RSA_PRIVATE, SEE_OK},
    {"PRIVATE KEY", HOLDS_PKCS8, SEE_OK},
    {"PUBLIC KEY", HOLDS_SPKI, SEE_OK},
    {"RSA PUBLIC KEY", HOLDS_RSA_PUBLIC, SEE_OK},
    {"DH PARAMETERS", HOLDS_DH_PARAMS, SEE_OK},
    {"ENCRYPTED PRIVATE KEY", HOLDS_UNKNOWN, SEE_ERR_KEY_ENCRYPTED},
    {"EC PRIVATE KEY", HOLDS_UNKNOWN, SEE_ERR_KEY_IS_EC_SEC1},
    {"EC PARAMETERS", HOLDS_UNKNOWN, SEE_ERR_KEY_IS_EC},
    {"DSA PRIVATE KEY", HOLDS_UNKNOWN, SEE_ERR_KEY_IS_DSA},
    {"DSA PARAMETERS", HOLDS_UNKNOWN, SEE_ERR_KEY_IS_DSA},
    {"X9.42 DH PARAMETERS", HOLDS_UNKNOWN, SEE_ERR_KEY_IS_DH},
    {"CERTIFICATE", HOLDS_UNKNOWN, SEE_ERR_KEY_FORMAT},
};

/* The DER of a key file, as unwrap found it. */
typedef struct {
    uint8_t *der;
    size_t len;
    holds what;     /* what the PEM label says; HOLDS_UNKNOWN for bare DER */
    int owned;      /* 1: der was decoded from PEM into a buffer of ours */
} key_der;

/* The first block whose label the table names; blocks with other labels,
 * and text around the blocks (RFC 7468 2 allows it: openssl's -text
 * output, a comment), are passed over. A text with no block at all is
 * SEE_ERR_PEM_NO_BEGIN; one whose blocks we do not know, SEE_ERR_PEM_LABEL. */
static see_status find_known_block(const uint8_t *file, size_t len,
                                   pem_block *block,
                                   const label_entry **found)
{
    pem_iter it;
    see_status st;
    int seen = 0;
    pem_iter_init(&it, file, len);
    while ((st = pem_next(&it, block)) == SEE_OK) {
        for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
            if (pem_label_is(block, labels[i].label)) {
                *found = &labels[i];
                return SEE_OK;
            }
        seen = 1;
    }
    return st == SEE_ERR_PEM_NO_BEGIN && seen ? SEE_ERR_PEM_LABEL : st;
}

/* A block's base64 body decoded into a new buffer (k->owned = 1). An
 * empty body holds no key. */
static see_status decode_block(const pem_block *block, key_der *k)
{
    uint8_t *buf;
    TRY(pem_decode_body_alloc(block, &buf, &k->len));
    if (k->len == 0) {
        free(buf); /* nothing was decoded into it */
        return SEE_ERR_KEY_FORMAT;
    }
    k->der = buf;
    k->owned = 1;
    return SEE_OK;
}

/* The DER inside a file: the file itself when it is DER, else decoded
 * from its first PEM block with a label we know. Which of the two, the
 * file's first byte decides (pem_file_is_der), and nothing else: a DER
 * key is never searched for PEM, whatever bytes its numbers hold. A label
 * the table refuses (an encrypted key, a key of another algorithm) is
 * refused here, with the table's error. */
static see_status unwrap(const uint8_t *file, size_t len, key_der *k)
{
    ENSURE(len > 0 && len <= KEYFILE_MAX_INPUT, SEE_ERR_KEY_FORMAT);
    k->owned = 0;
    if (pem_file_is_der(file, len)) {
        k->der = (uint8_t *)file;
        k->len = len;
        k->what = HOLDS_UNKNOWN;
        return SEE_OK;
    }
    pem_block block;
    const label_entry *found;
    TRY(find_known_block(file, len, &block, &found));
    TRY(found->refusal);
    TRY(decode_block(&block, k));
    k->what = found->what;
    return SEE_OK;
}

/* Wipe and free what unwrap decoded (the caller's file stays as it is). */
static void release(key_der *k)
{
    if (k->owned) {
        see_wipe(k->der, k->len);
        free(k->der);
    }
}

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

/* An INTEGER that must be >= 0. */
static see_status read_uint(der_reader *d, mpz_t x)
{
    der_reader before = *d;
    TRY(der_read_integer(d, x));
    if (mpz_sgn(x) < 0)
        return fail(&before, SEE_ERR_KEY_NEGATIVE);
    return SEE_OK;
}

/* RFC 8017 A.1.1:
 *   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static see_status parse_rsa_public(der_reader *d, rsa_public_key *key)
{
    der_reader seq;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    TRY(read_uint(&seq, key->n));
    TRY(read_uint(&seq, key->e));
    return der_expect_end(&seq);
}

/* RFC 8017 A.1.2:
 *   RSAPrivateKey ::= SEQUENCE {
 *       version Version,             -- 0, or 1 for multi-prime
 *       modulus INTEGER, publicExponent INTEGER, privateExponent INTEGER,
 *       prime1 INTEGER, prime2 INTEGER, exponent1 INTEGER,
 *       exponent2 INTEGER, coefficient INTEGER,
 *       otherPrimeInfos OtherPrimeInfos OPTIONAL } */
static see_status parse_rsa_private(der_reader *d, rsa_private_key *key)
{
    der_reader seq;
    uint64_t version;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    der_reader at_version = seq;
    TRY(der_read_small_uint(&seq, &version));
    if (version != 0)
        return fail(&at_version, SEE_ERR_KEY_VERSION);
    mpz_ptr fields[] = {key->n, key->e, key->d, key->p, key->q,
                        key->dp, key->dq, key->qinv};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        TRY(read_uint(&seq, fields[i]));
    return der_expect_end(&seq);
}

/* RFC 5280 4.1.1.2:
 *   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER,
 *                                      parameters ANY OPTIONAL }
 * For RSA, RFC 8017 A.1: rsaEncryption with parameters NULL. Any other
 * algorithm is refused by name. */
static see_status parse_rsa_algorithm(der_reader *d)
{
    der_reader seq;
    const uint8_t *oid;
    size_t oid_len;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    der_reader at_oid = seq;
    TRY(der_read_oid(&seq, &oid, &oid_len));
    static const struct {
        oid_id id;
        see_status refusal;
    } others[] = {
        {OID_EC_PUBLIC_KEY, SEE_ERR_KEY_IS_EC},
        {OID_DSA, SEE_ERR_KEY_IS_DSA},
        {OID_DH_KEY_AGREEMENT, SEE_ERR_KEY_IS_DH},
        {OID_ED25519, SEE_ERR_KEY_IS_ED25519},
        {OID_X25519, SEE_ERR_KEY_IS_X25519},
        {OID_RSASSA_PSS, SEE_ERR_KEY_IS_RSA_PSS},
    };
    if (!oid_is(oid, oid_len, OID_RSA_ENCRYPTION)) {
        for (size_t i = 0; i < sizeof others / sizeof *others; i++)
            if (oid_is(oid, oid_len, others[i].id))
                return fail(&at_oid, others[i].refusal);
        return fail(&at_oid, SEE_ERR_KEY_ALGORITHM);
    }
    der_reader at_params = seq;
    if (der_read_null(&seq) != SEE_OK)
        return fail(&at_params, SEE_ERR_KEY_PARAMETERS);
    return der_expect_end(&seq);
}

/* RFC 5208 5 (and RFC 5958 2, its version 1):
 *   PrivateKeyInfo ::= SEQUENCE {
 *       version Version,                      -- 0 (1 in RFC 5958)
 *       privateKeyAlgorithm AlgorithmIdentifier,
 *       privateKey OCTET STRING,              -- here an RSAPrivateKey
 *       attributes [0] IMPLICIT Attributes OPTIONAL,
 *       publicKey [1] IMPLICIT BIT STRING OPTIONAL }  -- version 1 only */
static see_status parse_pkcs8(der_reader *d, rsa_private_key *key)
{
    der_reader seq, inner, ignored;
    uint64_t version;
    int present;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    der_reader at_version = seq;
    TRY(der_read_small_uint(&seq, &version));
    if (version > 1)
        return fail(&at_version, SEE_ERR_KEY_VERSION);
    TRY(parse_rsa_algorithm(&seq));
    TRY(der_read_tlv(&seq, DER_OCTET_STRING, &inner, NULL, NULL));
    TRY(parse_rsa_private(&inner, key));
    TRY(der_expect_end(&inner));
    TRY(der_read_optional(&seq, DER_CONTEXT(0), &ignored, &present));
    if (version == 1)
        TRY(der_read_optional(&seq, DER_CONTEXT_PRIM(1), &ignored, &present));
    return der_expect_end(&seq);
}

/* RFC 5280 4.1:
 *   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
 *                                       subjectPublicKey BIT STRING }
 * whose bits are the DER of an RSAPublicKey (RFC 3279 2.3.1). */
static see_status parse_spki(der_reader *d, rsa_public_key *key)
{
    der_reader seq, bits;
    uint8_t unused;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    TRY(parse_rsa_algorithm(&seq));
    der_reader at_bits = seq;
    TRY(der_read_tlv(&seq, DER_BIT_STRING, &bits, NULL, NULL));
    if (reader_u8(&bits.r, &unused) != SEE_OK || unused != 0)
        return fail(&at_bits, SEE_ERR_DER_BITSTRING);
    TRY(parse_rsa_public(&bits, key));
    TRY(der_expect_end(&bits));
    return der_expect_end(&seq);
}

/* The two numbers of a DH parameter file. */
typedef struct {
    mpz_t p, g;
} dh_numbers;

/* PKCS #3 section 9:
 *   DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER,
 *                              privateValueLength INTEGER OPTIONAL } */
static see_status parse_dh_params(der_reader *d, dh_numbers *dh)
{
    der_reader seq;
    TRY(der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    TRY(read_uint(&seq, dh->p));
    TRY(read_uint(&seq, dh->g));
    if (!der_at_end(&seq)) {
        uint64_t private_bits;
        TRY(der_read_small_uint(&seq, &private_bits));
    }
    return der_expect_end(&seq);
}

/* ------------------------------------- keys we know but do not read --- */

/* Bare DER that is none of our forms may still be a key openssl writes
 * that we do not read; these two say which, so the error can name it
 * (without them the best attempt's error is a riddle: "unsupported key
 * file version" for an EC key, "unexpected DER tag" for an encrypted one).
 * Each looks only at the first fields, which is enough to tell the two
 * from each other and from every form we read. */

/* RFC 5915 3 (SEC1 C.4):
 *   ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) },
 *       privateKey OCTET STRING, parameters [0] ECParameters OPTIONAL,
 *       publicKey [1] BIT STRING OPTIONAL }
 * Version 1 then an OCTET STRING: a PKCS#8 key of version 1 has its
 * AlgorithmIdentifier (a SEQUENCE) there. */
static int is_sec1_ec_private(const uint8_t *der, size_t len)
{
    der_context ctx;
    der_reader d, seq, key;
    uint64_t version;
    der_reader_init(&d, &ctx, der, len);
    return der_read_tlv(&d, DER_SEQUENCE, &seq, NULL, NULL) == SEE_OK &&
           der_read_small_uint(&seq, &version) == SEE_OK && version == 1 &&
           der_read_tlv(&seq, DER_OCTET_STRING, &key, NULL, NULL) == SEE_OK;
}

/* RFC 5958 3:
 *   EncryptedPrivateKeyInfo ::= SEQUENCE {
 *       encryptionAlgorithm AlgorithmIdentifier,   -- PBES2, RFC 8018 A.4
 *       encryptedData OCTET STRING }
 * An AlgorithmIdentifier then an OCTET STRING, and nothing after: a
 * SubjectPublicKeyInfo has a BIT STRING there. */
static int is_encrypted_pkcs8(const uint8_t *der, size_t len)
{
    der_context ctx;
    der_reader d, seq, algorithm, data;
    const uint8_t *oid;
    size_t oid_len;
    der_reader_init(&d, &ctx, der, len);
    return der_read_tlv(&d, DER_SEQUENCE, &seq, NULL, NULL) == SEE_OK &&
           der_read_tlv(&seq, DER_SEQUENCE, &algorithm, NULL, NULL) == SEE_OK &&
           der_read_oid(&algorithm, &oid, &oid_len) == SEE_OK &&
           der_read_tlv(&seq, DER_OCTET_STRING, &data, NULL, NULL) == SEE_OK &&
           der_at_end(&seq);
}

/* The key bare DER holds when we do not read it, by name; SEE_OK when it
 * is none we know. */
static see_status name_unread_der(const uint8_t *der, size_t len)
{
    if (is_sec1_ec_private(der, len))
        return SEE_ERR_KEY_IS_EC_SEC1;
    if (is_encrypted_pkcs8(der, len))
        return SEE_ERR_KEY_ENCRYPTED;
    return SEE_OK;
}

/* ------------------------------------------------ trying the forms --- */

static int is_private_form(holds what)
{
    return what == HOLDS_PKCS8 || what == HOLDS_RSA_PRIVATE;
}

static keyfile_form form_of(holds what)
{
    switch (what) {
    case HOLDS_PKCS8: return KEYFILE_PKCS8;
    case HOLDS_SPKI: return KEYFILE_SPKI;
    case HOLDS_DH_PARAMS: return KEYFILE_DH_PKCS3;
    default: return KEYFILE_RSA_PKCS1;
    }
}

/* Parse der, the whole input, as the form `what`. out is what that form
 * holds: an rsa_private_key for PKCS#8 and PKCS#1 private keys, an
 * rsa_public_key for SubjectPublicKeyInfo and PKCS#1 public keys, a
 * dh_numbers for PKCS#3. The error and its offset land in *ctx. */
static see_status parse_as(holds what, const uint8_t *der, size_t len,
                           void *out, der_context *ctx)
{
    der_reader d;
    der_reader_init(&d, ctx, der, len);
    switch (what) {
    case HOLDS_PKCS8: TRY(parse_pkcs8(&d, out)); break;
    case HOLDS_RSA_PRIVATE: TRY(parse_rsa_private(&d, out)); break;
    case HOLDS_SPKI: TRY(parse_spki(&d, out)); break;
    case HOLDS_RSA_PUBLIC: TRY(parse_rsa_public(&d, out)); break;
    case HOLDS_DH_PARAMS: TRY(parse_dh_params(&d, out)); break;
    case HOLDS_UNKNOWN: return SEE_ERR_ARGUMENT;
    }
    return der_expect_end(&d);
}

/* As parse_as, into an rsa_public_key whatever the form: of a private
 * key, its public half (n and e). */
static see_status parse_public_as(holds what, const uint8_t *der, size_t len,
                                  void *out, der_context *ctx)
{
    if (!is_private_form(what))
        return parse_as(what, der, len, out, ctx);
    rsa_private_key priv;
    rsa_private_init(&priv);
    see_status st = parse_as(what, der, len, &priv, ctx);
    if (st == SEE_OK)
        rsa_public_from_private(out, &priv);
    rsa_private_clear(&priv);
    return st;
}

/* 1 if der is a whole public key (bare DER read as a private key). */
static int is_public_der(const uint8_t *der, size_t len)
{
    rsa_public_key key;
    der_context ctx;
    rsa_public_init(&key);
    int found = parse_as(HOLDS_SPKI, der, len, &key, &ctx) == SEE_OK ||
                parse_as(HOLDS_RSA_PUBLIC, der, len, &key, &ctx) == SEE_OK;
    rsa_public_clear(&key);
    return found;
}

/* Is attempt a better explanation of a failure than best? "Unexpected
 * tag" only says the input is not of that form, so any other error is a
 * better one (a multi-prime PKCS#1 key gets further as PKCS#8 than as
 * PKCS#1, but "unsupported version" is the truth); between two of the
 * same kind, the attempt that read further into the input. */
static int explains_better(const der_context *attempt, const der_context *best)
{
    int attempt_tag = attempt->error == SEE_ERR_DER_TAG;
    int best_tag = best->error == SEE_ERR_DER_TAG;
    if (attempt_tag != best_tag)
        return best_tag;
    return attempt->error_offset > best->error_offset;
}

/* parse_as or parse_public_as. */
typedef see_status form_parser(holds what, const uint8_t *der, size_t len,
                               void *out, der_context *ctx);

/* Parse k as the form its PEM label names or, bare DER having no label,
 * as each form of bare[] in turn, until one fits. Then info gets that
 * form. If none fits, the error is that of the attempt that explains the
 * input best (the form the input most resembles), and info->der says
 * where it was found. */
static see_status parse_forms(const key_der *k, const holds *bare,
                              size_t count, form_parser *parse, void *out,
                              keyfile_info *info)
{
    const holds *tries = bare;
    if (k->what != HOLDS_UNKNOWN) {
        tries = &k->what;
        count = 1;
    }
    see_status best = SEE_ERR_KEY_FORMAT;
    der_context best_ctx = {0, SEE_ERR_KEY_FORMAT};
    for (size_t i = 0; i < count; i++) {
        der_context ctx;
        see_status st = parse(tries[i], k->der, k->len, out, &ctx);
        if (st == SEE_OK) {
            info->form = form_of(tries[i]);
            info->is_private = is_private_form(tries[i]);
            return SEE_OK;
        }
        if (i == 0 || explains_better(&ctx, &best_ctx)) {
            best = st;
            best_ctx = ctx;
        }
    }
    see_status named = k->what == HOLDS_UNKNOWN
                           ? name_unread_der(k->der, k->len) : SEE_OK;
    if (named != SEE_OK) {
        /* the whole input is that key: no DER error to point at */
        memset(&info->der, 0, sizeof info->der);
        return named;
    }
    info->der = best_ctx;
    return best;
}

/* ---------------------------------------------------- the readers --- */

/* What a reader does with the DER of a file: parse it into out, noting in
 * info the form found or the DER error. */
typedef see_status file_parser(const key_der *k, void *out,
                               keyfile_info *info);

/* The steps every reader shares: clear info (a scratch one when the
 * caller passes NULL), find the DER (unwrap), hand it to parse, then wipe
 * and free the decoded copy, whatever parse said. */
static see_status read_file(const uint8_t *file, size_t len,
                            file_parser *parse, void *out, keyfile_info *info)
{
    keyfile_info scratch;
    if (info == NULL)
        info = &scratch;
    memset(info, 0, sizeof *info);
    key_der k;
    TRY(unwrap(file, len, &k));
    info->was_pem = k.owned;
    see_status st = parse(&k, out, info);
    release(&k);
    return st;
}

/* A private key: a PrivateKeyInfo (PKCS#8, RFC 5208 5) or an
 * RSAPrivateKey (PKCS#1, RFC 8017 A.1.2). Bare DER is tried as both, and
 * when it fits neither but is a public key, the error says just that. */
static see_status parse_private_file(const key_der *k, void *key,
                                     keyfile_info *info)
{
    static const holds bare[] = {HOLDS_PKCS8, HOLDS_RSA_PRIVATE};
    if (k->what != HOLDS_UNKNOWN && !is_private_form(k->what))
        return k->what == HOLDS_DH_PARAMS ? SEE_ERR_KEY_IS_DH
                                          : SEE_ERR_KEY_NOT_PRIVATE;
    info->is_private = 1; /* the form asked for, found or not */
    see_status st = parse_forms(k, bare, sizeof bare / sizeof *bare,
                                parse_as, key, info);
    if (st != SEE_OK && k->what == HOLDS_UNKNOWN &&
        is_public_der(k->der, k->len)) {
        memset(&info->der, 0, sizeof info->der);
        info->is_private = 0;
        return SEE_ERR_KEY_NOT_PRIVATE;
    }
    return st;
}

/* A public key: a SubjectPublicKeyInfo (RFC 5280 4.1), an RSAPublicKey
 * (RFC 8017 A.1.1), or the public half of a private key file. Bare DER is
 * tried as the public forms first. */
static see_status parse_public_file(const key_der *k, void *key,
                                    keyfile_info *info)
{
    static const holds bare[] = {HOLDS_SPKI, HOLDS_RSA_PUBLIC, HOLDS_PKCS8,
                                 HOLDS_RSA_PRIVATE};
    if (k->what == HOLDS_DH_PARAMS)
        return SEE_ERR_KEY_IS_DH;
    return parse_forms(k, bare, sizeof bare / sizeof *bare, parse_public_as,
                       key, info);
}

/* DH parameters, PKCS#3: a DH PARAMETERS block or bare DER. */
static see_status parse_dh_file(const key_der *k, void *numbers,
                                keyfile_info *info)
{
    info->form = KEYFILE_DH_PKCS3;
    if (k->what != HOLDS_UNKNOWN && k->what != HOLDS_DH_PARAMS)
        return SEE_ERR_KEY_NOT_DH_PARAMS;
    return parse_as(HOLDS_DH_PARAMS, k->der, k->len, numbers, &info->der);
}

static see_status check_size(const mpz_t n)
{
    ENSURE(mpz_sizeinbase(n, 2) <= RSA_HUGE_BITS, SEE_ERR_RSA_KEY_SIZE);
    return SEE_OK;
}

/* The readers work on a key of their own and hand it over only when it
 * has passed every check, so a caller's key is never left half read. */
static void swap_private(rsa_private_key *a, rsa_private_key *b)
{
    mpz_swap(a->n, b->n);
    mpz_swap(a->e, b->e);
    mpz_swap(a->d, b->d);
    mpz_swap(a->p, b->p);
    mpz_swap(a->q, b->q);
    mpz_swap(a->dp, b->dp);
    mpz_swap(a->dq, b->dq);
    mpz_swap(a->qinv, b->qinv);
}

static void swap_public(rsa_public_key *a, rsa_public_key *b)
{
    mpz_swap(a->n, b->n);
    mpz_swap(a->e, b->e);
}

static see_status check_public(const rsa_public_key *key)
{
    TRY(check_size(key->n));
    return rsa_public_check(key, 0);
}

/* The last steps of both public-key readers, st being what their parse
 * said: the key they read into their own `read` is checked, handed to the
 * caller only if it passes, and their copy cleared whatever happened. */
static see_status hand_over_public(see_status st, rsa_public_key *read,
                                   rsa_public_key *key)
{
    if (st == SEE_OK)
        st = check_public(read);
    if (st == SEE_OK)
        swap_public(key, read);
    rsa_public_clear(read);
    return st;
}

see_status keyfile_read_rsa_private(const uint8_t *file, size_t len,
                                    see_rng *rng, rsa_private_key *key,
                                    keyfile_info *info)
{
    rsa_private_key read;
    rsa_private_init(&read);
    see_status st = read_file(file, len, parse_private_file, &read, info);
    if (st == SEE_OK)
        st = check_size(read.n);
    if (st == SEE_OK)
        st = rsa_private_check(&read, rng);
    if (st == SEE_OK)
        swap_private(key, &read);
    rsa_private_clear(&read); /* wipes the key, or what the caller had */
    return st;
}

see_status keyfile_read_rsa_public(const uint8_t *file, size_t len,
                                   rsa_public_key *key, keyfile_info *info)
{
    rsa_public_key read;
    rsa_public_init(&read);
    see_status st = read_file(file, len, parse_public_file, &read, info);
    return hand_over_public(st, &read, key);
}

see_status keyfile_parse_spki(der_reader *d, rsa_public_key *key)
{
    rsa_public_key read;
    rsa_public_init(&read);
    return hand_over_public(parse_spki(d, &read), &read, key);
}

/* ------------------------------------------------------- DH groups --- */

/* The group (p, g) read from a file: crypto/dh.c recognises a named group
 * by its one table and looks for the subgroup of any other. */
static see_status group_from(const dh_numbers *dh, int allow_insecure,
                             see_rng *rng, dh_group *group)
{
    /* Larger than any group we would use, and a 64-round primality test
     * of q would take seconds: refuse before testing. */
    if (mpz_sizeinbase(dh->p, 2) > DH_MAX_BITS)
        return SEE_ERR_DH_GROUP_BAD;
    return dh_group_set_find_q(group, dh->p, dh->g, rng, allow_insecure);
}

/* How unwrap says a PEM file holds no block it would read: no label it
 * knows, a key of another kind, an encrypted or an empty block. To the DH
 * reader each of these means the file is not DH parameters (parse_dh_file
 * itself never returns them). */
static int is_unwrap_refusal(see_status st)
{
    return st == SEE_ERR_PEM_LABEL || st == SEE_ERR_KEY_IS_EC ||
           st == SEE_ERR_KEY_IS_EC_SEC1 || st == SEE_ERR_KEY_IS_DSA ||
           st == SEE_ERR_KEY_IS_DH || st == SEE_ERR_PEM_ENCRYPTED ||
           st == SEE_ERR_KEY_ENCRYPTED || st == SEE_ERR_KEY_FORMAT;
}

/* The group is built apart and handed over whole: the named-group check
 * writes into what it is given. */
static void swap_group(dh_group *a, dh_group *b)
{
    mpz_swap(a->p, b->p);
    mpz_swap(a->g, b->g);
    mpz_swap(a->q, b->q);
    const char *name = a->name;
    a->name = b->name;
    b->name = name;
}

see_status keyfile_read_dh_params(const uint8_t *file, size_t len,
                                  int allow_insecure, see_rng *rng,
                                  dh_group *group, keyfile_info *info)
{
    dh_numbers dh;
    dh_group read;
    mpz_inits(dh.p, dh.g, NULL);
    dh_group_init(&read);
    see_status st = read_file(file, len, parse_dh_file, &dh, info);
    if (is_unwrap_refusal(st) && len > 0 && !pem_file_is_der(file, len))
        st = SEE_ERR_KEY_NOT_DH_PARAMS;
    if (st == SEE_OK)
        st = group_from(&dh, allow_insecure, rng, &read);
    if (st == SEE_OK)
        swap_group(group, &read);
    dh_group_clear(&read);
    mpz_clears(dh.p, dh.g, NULL);
    return st;
}

/* ---------------------------------------------------------- writers --- */

static void write_rsa_public(der_writer *dw, const rsa_public_key *key)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_integer(dw, key->n);
    der_write_integer(dw, key->e);
    der_end(dw);
}

static void write_rsa_private(der_writer *dw, const rsa_private_key *key)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_small_uint(dw, 0); /* two-prime */
    der_write_integer(dw, key->n);
    der_write_integer(dw, key->e);
    der_write_integer(dw, key->d);
    der_write_integer(dw, key->p);
    der_write_integer(dw, key->q);
    der_write_integer(dw, key->dp);
    der_write_integer(dw, key->dq);
    der_write_integer(dw, key->qinv);
    der_end(dw);
}

typedef enum { WRITE_PRIVATE, WRITE_PUBLIC, WRITE_DH } write_kind;

/* Encode into out directly (DER), or into a wiped scratch buffer then PEM. */
static see_status write_key(write_kind kind, const void *key,
                            keyfile_form form, int pem, uint8_t *out,
                            size_t cap, size_t *out_len)
{
    const char *label;
    switch (kind) {
    case WRITE_PRIVATE:
        ENSURE(form == KEYFILE_PKCS8 || form == KEYFILE_RSA_PKCS1,
               SEE_ERR_ARGUMENT);
        label = form == KEYFILE_PKCS8 ? "PRIVATE KEY" : "RSA PRIVATE KEY";
        break;
    case WRITE_PUBLIC:
        ENSURE(form == KEYFILE_SPKI || form == KEYFILE_RSA_PKCS1,
               SEE_ERR_ARGUMENT);
        label = form == KEYFILE_SPKI ? "PUBLIC KEY" : "RSA PUBLIC KEY";
        break;
    default:
        label = "DH PARAMETERS";
        break;
    }

    uint8_t *buf = out;
    size_t buf_cap = cap;
    if (pem) {
        buf_cap = KEYFILE_MAX_SIZE;
        buf = malloc(buf_cap);
        ENSURE(buf != NULL, SEE_ERR_NO_MEMORY);
    }
    der_writer dw;
    der_writer_init(&dw, buf, buf_cap);
    if (kind == WRITE_PRIVATE && form == KEYFILE_PKCS8) {
        der_begin(&dw, DER_SEQUENCE);
        der_write_small_uint(&dw, 0);
        oid_write_algorithm(&dw, OID_RSA_ENCRYPTION);
        der_begin(&dw, DER_OCTET_STRING);
        write_rsa_private(&dw, key);
        der_end(&dw);
        der_end(&dw);
    } else if (kind == WRITE_PRIVATE) {
        write_rsa_private(&dw, key);
    } else if (kind == WRITE_PUBLIC && form == KEYFILE_SPKI) {
        der_begin(&dw, DER_SEQUENCE);
        oid_write_algorithm(&dw, OID_RSA_ENCRYPTION);
        der_begin(&dw, DER_BIT_STRING);
        der_write_raw(&dw, "", 1); /* no unused bits */
        write_rsa_public(&dw, key);
        der_end(&dw);
        der_end(&dw);
    } else if (kind == WRITE_PUBLIC) {
        write_rsa_public(&dw, key);
    } else {
        const dh_group *group = key;
        der_begin(&dw, DER_SEQUENCE);
        der_write_integer(&dw, group->p);
        der_write_integer(&dw, group->g);
        der_end(&dw);
    }
    size_t der_len;
    see_status st = der_writer_finish(&dw, &der_len);
    if (!pem) {
        if (st == SEE_OK)
            *out_len = der_len;
        return st;
    }
    if (st == SEE_OK)
        st = pem_encode(label, buf, der_len, (char *)out, cap, out_len);
    see_wipe(buf, buf_cap);
    free(buf);
    return st;
}

see_status keyfile_write_rsa_private(const rsa_private_key *key,
                                     keyfile_form form, int pem, uint8_t *out,
                                     size_t cap, size_t *out_len)
{
    return write_key(WRITE_PRIVATE, key, form, pem, out, cap, out_len);
}

see_status keyfile_write_rsa_public(const rsa_public_key *key,
                                    keyfile_form form, int pem, uint8_t *out,
                                    size_t cap, size_t *out_len)
{
    return write_key(WRITE_PUBLIC, key, form, pem, out, cap, out_len);
}

see_status keyfile_write_dh_params(const dh_group *group, int pem,
                                   uint8_t *out, size_t cap, size_t *out_len)
{
    return write_key(WRITE_DH, group, KEYFILE_DH_PKCS3, pem, out, cap,
                     out_len);
}
