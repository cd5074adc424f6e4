/*
 * x509.c: one certificate, parsed (RFC 5280 4.1), and its signature
 * checked. Every read goes through der.h's strict reader; every failure
 * says which field and at what byte offset of the certificate.
 *
 *   Certificate         4.1.1     parse, below
 *   TBSCertificate      4.1.2     read_tbs: version, serial, signature
 *                                 algorithm, validity, public key here;
 *                                 the Names in x509_name.c, the
 *                                 extensions in x509_extensions.c
 *   signatureValue      4.1.1.3   x509_check_signature
 *
 * The PEM files of several certificates are x509_bundle.c's; making a
 * certificate is x509_issue.c's; checking a chain, x509_verify.c's.
 */
#include "pki/x509.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "crypto/sha256.h"
#include "pki/keyfile.h"
#include "pki/x509_internal.h"

/* ------------------------------------------------------------ fields --- */

/*
 * AlgorithmIdentifier of the signature (RFC 5280 4.1.1.2): only
 * sha256WithRSAEncryption, whose parameters are NULL (RFC 4055 5 says
 * absent must be accepted too). *raw receives the whole element, which
 * must be the same in the tbsCertificate and outside it. A trust anchor
 * may have another (its self-signature is never checked, RFC 5280
 * 6.1.1 (d)): it is then only marked as not checkable.
 */
static see_status read_signature_algorithm(parser *p, der_reader *d,
                                           const uint8_t **raw,
                                           size_t *raw_len)
{
    der_reader alg;
    const uint8_t *oid;
    size_t oid_len, at;
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &alg, raw, raw_len));
    at = der_offset(&alg);
    READ(p, &alg, der_read_oid(&alg, &oid, &oid_len));
    if (!oid_is(oid, oid_len, OID_SHA256_WITH_RSA)) {
        if (!p->any_signature)
            return unsupported_oid(p, SEE_ERR_X509_ALGORITHM, oid, oid_len, at);
        p->cert->signature_supported = 0;
        return SEE_OK; /* parameters of an algorithm we do not know */
    }
    if (!der_at_end(&alg))
        READ(p, &alg, der_read_null(&alg));
    READ(p, &alg, der_expect_end(&alg));
    return SEE_OK;
}

/* Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }.
 * RFC 5280 4.1.2.5: "CAs conforming to this profile MUST always encode
 * certificate validity dates through the year 2049 as UTCTime". UTCTime
 * cannot write a date from 2050 on (its YY >= 50 is 19YY), so the form
 * of each date is fixed, and a GeneralizedTime before 2050 is refused
 * (one before 1950 too: no conforming certificate has such a date). */
static see_status read_time(parser *p, der_reader *v, const char *field,
                            int64_t *t)
{
    uint8_t tag;
    size_t at = der_offset(v);
    p->field = field;
    READ(p, v, der_peek_tag(v, &tag));
    READ(p, v, der_read_time(v, t));
    if (tag == DER_GENERALIZED_TIME &&
        *t < der_epoch_from_civil(2050, 1, 1, 0, 0, 0))
        return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_TIME_FORM, at);
    return SEE_OK;
}

/* Validity ::= SEQUENCE { notBefore Time, notAfter Time }. */
static see_status read_validity(parser *p, der_reader *d, x509_cert *cert)
{
    der_reader v;
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &v, NULL, NULL));
    TRY(read_time(p, &v, "validity.notBefore", &cert->not_before));
    TRY(read_time(p, &v, "validity.notAfter", &cert->not_after));
    READ(p, &v, der_expect_end(&v));
    return SEE_OK;
}

/*
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7). The algorithm is looked at
 * here, to name an unsupported one; an rsaEncryption key is then read by
 * keyfile_parse_spki, the one SubjectPublicKeyInfo reader of seetls (NULL
 * parameters, RSAPublicKey in the BIT STRING, the public checks), as DER
 * and nothing else: the key file readers, which take PEM too, are never
 * given bytes from inside a certificate, where a modulus may spell out a
 * PEM block of another key.
 */
static see_status read_spki(parser *p, der_reader *d, x509_cert *cert)
{
    der_reader spki, alg, key_reader = *d;
    const uint8_t *oid;
    size_t oid_len, at = der_offset(d), oid_at;

    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &spki, &cert->spki,
                            &cert->spki_len));
    READ(p, &spki, der_read_tlv(&spki, DER_SEQUENCE, &alg, NULL, NULL));
    oid_at = der_offset(&alg);
    READ(p, &alg, der_read_oid(&alg, &oid, &oid_len));
    if (!oid_is(oid, oid_len, OID_RSA_ENCRYPTION))
        return unsupported_oid(p, SEE_ERR_X509_ALGORITHM, oid, oid_len, oid_at);
    see_status st = keyfile_parse_spki(&key_reader, &cert->key);
    if (st == SEE_OK)
        return SEE_OK;
    if (p->ctx.error != SEE_OK) /* a DER error or a refused parameter */
        return der_failed(p, &key_reader, st);
    return fail(p, SEE_ERR_X509_MALFORMED, st, at); /* the key's checks */
}

/* --------------------------------------------------------------- tbs --- */

/* version [0] EXPLICIT Version DEFAULT v1 (RFC 5280 4.1.2.1). v3 (the
 * value 2) and v1 (absent: what `openssl x509 -req` makes without an
 * extension file) are taken; v1 has no extensions. DER leaves a DEFAULT
 * out, so an explicit v1 (0) is not DER. */
static see_status read_version(parser *p, der_reader *tbs, x509_cert *cert)
{
    der_reader v;
    int present;
    uint64_t n;
    size_t at = der_offset(tbs);
    p->field = "version";
    READ(p, tbs, der_read_optional(tbs, DER_CONTEXT(0), &v, &present));
    cert->version = 1;
    if (!present)
        return SEE_OK;
    READ(p, &v, der_read_small_uint(&v, &n));
    READ(p, &v, der_expect_end(&v));
    if (n == 0)
        return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_NONMINIMAL, at);
    if (n != 2)
        return fail(p, SEE_ERR_X509_VERSION, SEE_ERR_X509_VERSION, at);
    cert->version = 3;
    return SEE_OK;
}

/* CertificateSerialNumber ::= INTEGER, positive, at most 20 octets
 * (RFC 5280 4.1.2.2). */
static see_status read_serial(parser *p, der_reader *tbs, x509_cert *cert)
{
    size_t at = der_offset(tbs);
    p->field = "serialNumber";
    READ(p, tbs, der_read_integer_bytes(tbs, &cert->serial, &cert->serial_len));
    if (cert->serial_len > X509_MAX_SERIAL || (cert->serial[0] & 0x80))
        return bad_value(p, at);
    return SEE_OK;
}

/*
 * TBSCertificate ::= SEQUENCE {
 *     version [0] EXPLICIT Version DEFAULT v1, serialNumber, signature,
 *     issuer, validity, subject, subjectPublicKeyInfo,
 *     issuerUniqueID [1] IMPLICIT OPTIONAL, subjectUniqueID [2] IMPLICIT
 *     OPTIONAL, extensions [3] EXPLICIT OPTIONAL }       (RFC 5280 4.1)
 */
static see_status read_tbs(parser *p, der_reader *tbs, x509_cert *cert,
                           const uint8_t **alg, size_t *alg_len)
{
    der_reader unique;
    int present;
    TRY(read_version(p, tbs, cert));
    TRY(read_serial(p, tbs, cert));
    p->field = "signature";
    TRY(read_signature_algorithm(p, tbs, alg, alg_len));
    p->field = "issuer";
    TRY(x509_read_name(p, tbs, &cert->issuer));
    p->field = "validity";
    TRY(read_validity(p, tbs, cert));
    p->field = "subject";
    TRY(x509_read_name(p, tbs, &cert->subject));
    p->field = "subjectPublicKeyInfo";
    TRY(read_spki(p, tbs, cert));
    p->field = "issuerUniqueID";
    READ(p, tbs, der_read_optional(tbs, DER_CONTEXT_PRIM(1), &unique, &present));
    p->field = "subjectUniqueID";
    READ(p, tbs, der_read_optional(tbs, DER_CONTEXT_PRIM(2), &unique, &present));
    TRY(x509_read_extensions(p, tbs, cert));
    p->field = "tbsCertificate";
    READ(p, tbs, der_expect_end(tbs));
    return SEE_OK;
}

/* ------------------------------------------------------- certificate --- */

void x509_cert_init(x509_cert *cert)
{
    memset(cert, 0, sizeof *cert);
    rsa_public_init(&cert->key);
}

void x509_cert_clear(x509_cert *cert)
{
    rsa_public_clear(&cert->key);
    memset(cert, 0, sizeof *cert);
}

/* Reset everything but the key's storage before a parse. */
static void reset_fields(x509_cert *cert)
{
    memset(cert, 0, offsetof(x509_cert, key));
    cert->path_len = -1;
}

static see_status parse(x509_cert *cert, const uint8_t *der, size_t len,
                        x509_error *err, int any_signature)
{
    x509_error scratch;
    parser p;
    der_reader top, certseq, tbs;
    const uint8_t *inner_alg, *outer_alg, *sig;
    size_t inner_len, outer_len, sig_len, at;
    unsigned unused;

    if (err == NULL)
        err = &scratch;
    memset(err, 0, sizeof *err);
    err->field = "";
    if (cert == NULL || (der == NULL && len != 0)) {
        err->status = SEE_ERR_ARGUMENT;
        return SEE_ERR_ARGUMENT;
    }
    reset_fields(cert);

    p.err = err;
    p.start = der;
    p.field = "Certificate";
    p.any_signature = any_signature;
    p.cert = cert;
    cert->signature_supported = 1;
    der_reader_init(&top, &p.ctx, der, len);
    READ(&p, &top, der_read_tlv(&top, DER_SEQUENCE, &certseq, &cert->der,
                                &cert->der_len));
    READ(&p, &top, der_expect_end(&top));
    p.field = "tbsCertificate";
    READ(&p, &certseq, der_read_tlv(&certseq, DER_SEQUENCE, &tbs, &cert->tbs,
                                    &cert->tbs_len));
    TRY(read_tbs(&p, &tbs, cert, &inner_alg, &inner_len));

    p.field = "signatureAlgorithm";
    at = der_offset(&certseq);
    TRY(read_signature_algorithm(&p, &certseq, &outer_alg, &outer_len));
    /* RFC 5280 4.1.1.2: MUST be the same as tbsCertificate.signature. */
    if (outer_len != inner_len || memcmp(outer_alg, inner_alg, inner_len) != 0)
        return bad_value(&p, at);

    p.field = "signatureValue";
    at = der_offset(&certseq);
    READ(&p, &certseq, der_read_bit_string(&certseq, &sig, &sig_len, &unused));
    if (unused != 0 || sig_len == 0)
        return bad_value(&p, at);
    cert->signature = sig;
    cert->signature_len = sig_len;
    p.field = "Certificate";
    READ(&p, &certseq, der_expect_end(&certseq));
    return SEE_OK;
}

see_status x509_parse(x509_cert *cert, const uint8_t *der, size_t len,
                      x509_error *err)
{
    return parse(cert, der, len, err, 0);
}

see_status x509_parse_anchor(x509_cert *cert, const uint8_t *der, size_t len,
                             x509_error *err)
{
    return parse(cert, der, len, err, 1);
}

/* ---------------------------------------------------------- messages --- */

void x509_error_text(const x509_error *err, char *out, size_t cap)
{
    const char *field = err->field != NULL ? err->field : "";
    switch (err->status) {
    case SEE_ERR_X509_MALFORMED:
        if (err->cause == SEE_ERR_X509_MALFORMED)
            snprintf(out, cap, "malformed at offset %zu: %s: value not allowed",
                     err->offset, field);
        else if (err->cause == SEE_ERR_X509_DUPLICATE_EXTENSION)
            snprintf(out, cap, "malformed at offset %zu: %s: %s (%s)",
                     err->offset, field, see_strerror(err->cause), err->oid);
        else
            snprintf(out, cap, "malformed at offset %zu: %s: %s", err->offset,
                     field, see_strerror(err->cause));
        break;
    case SEE_ERR_X509_ALGORITHM:
        snprintf(out, cap, "unsupported algorithm %s (%s, at offset %zu)",
                 err->oid, field, err->offset);
        break;
    case SEE_ERR_X509_CRITICAL_EXTENSION:
        snprintf(out, cap, "unknown critical extension %s (at offset %zu)",
                 err->oid, err->offset);
        break;
    case SEE_ERR_X509_VERSION:
    case SEE_ERR_X509_LIMIT:
        snprintf(out, cap, "%s (%s, at offset %zu)", see_strerror(err->status),
                 field, err->offset);
        break;
    default:
        snprintf(out, cap, "%s", see_strerror(err->status));
        break;
    }
}

/* -------------------------------------------------------- signatures --- */

void x509_tbs_hash(const x509_cert *cert, uint8_t digest[32])
{
    sha256(cert->tbs, cert->tbs_len, digest);
}

/* The slides' check of c: compute h(tbsCertificate) ourselves, and see
 * that Charlie's public key turns c back into that same hash (inside the
 * PKCS #1 v1.5 encoding, RFC 8017 8.2.2). */
see_status x509_check_signature(const x509_cert *cert,
                                const rsa_public_key *issuer_key)
{
    if (!cert->signature_supported)
        return SEE_ERR_X509_ALGORITHM;
    uint8_t h[32];
    x509_tbs_hash(cert, h);
    see_status st = rsa_pkcs1_verify_digest(issuer_key, h, cert->signature,
                                            cert->signature_len);
    return st == SEE_OK ? SEE_OK : SEE_ERR_X509_BAD_SIGNATURE;
}
