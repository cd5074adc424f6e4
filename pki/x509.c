/*
 * x509.c: parse and issue X.509 v3 certificates (RFC 5280) in the subset
 * x509.h describes. Every read goes through der.h's strict reader; every
 * failure says which field and at what byte offset of the certificate.
 */
#include "pki/x509.h"

#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pki/keyfile.h"
#include "codec/oid.h"
#include "codec/pem.h"
#include "crypto/sha256.h"
#include "core/util.h"

/* ------------------------------------------------------------ parsing --- */

/* The state of one parse: the DER reader's context, where the error goes
 * and the field being read, for the message. */
typedef struct {
    der_context ctx;
    x509_error *err;
    const uint8_t *start;    /* the certificate's first byte: offsets count
                                from here */
    const char *field;
    int any_signature;       /* a trust anchor: its own signature algorithm
                                is not checked, so need not be ours */
    x509_cert *cert;
} parser;

/* Record the first failure of the parse; return its status. */
static see_status fail(parser *p, see_status status, see_status cause,
                       size_t offset)
{
    if (p->err->status == SEE_OK) {
        p->err->status = status;
        p->err->cause = cause;
        p->err->offset = offset;
        p->err->field = p->field;
    }
    return status;
}

/* A der_* call failed: the DER context knows why and where (or, for the
 * few calls that do not record, the reader's position). */
static see_status der_failed(parser *p, const der_reader *d, see_status st)
{
    if (p->ctx.error != SEE_OK)
        return fail(p, SEE_ERR_X509_MALFORMED, p->ctx.error,
                    p->ctx.error_offset);
    return fail(p, SEE_ERR_X509_MALFORMED, st, der_offset(d));
}

/* Run a der_* call; on failure report it as malformed and return. */
#define READ(p, d, call)                                                     \
    do {                                                                     \
        see_status read_status_ = (call);                                    \
        if (read_status_ != SEE_OK)                                          \
            return der_failed((p), (d), read_status_);                       \
    } while (0)

/* A field whose DER is fine but whose value is not allowed here. */
static see_status bad_value(parser *p, size_t offset)
{
    return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, offset);
}

static see_status unsupported_oid(parser *p, see_status status,
                                  const uint8_t *oid, size_t len, size_t at)
{
    if (p->err->status == SEE_OK)
        der_oid_to_text(oid, len, p->err->oid, sizeof p->err->oid);
    return fail(p, status, status, at);
}

/* A reader over bytes that hold DER of their own (a BIT STRING holding the
 * RSA key, an OCTET STRING holding an extension), one level deeper, whose
 * offsets still count from the certificate's start. */
static void nested_reader(parser *p, const der_reader *parent,
                          const uint8_t *data, size_t len, der_reader *out)
{
    reader_init(&out->r, data, len);
    out->base = (size_t)(data - p->start);
    out->depth = parent->depth + 1;
    out->ctx = &p->ctx;
}

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

static int is_string_tag(uint8_t tag)
{
    switch (tag) {
    case DER_UTF8_STRING: case DER_PRINTABLE_STRING: case DER_T61_STRING:
    case DER_IA5_STRING: case DER_BMP_STRING: case DER_UNIVERSAL_STRING:
    case DER_NUMERIC_STRING: case DER_VISIBLE_STRING:
        return 1;
    default:
        return 0;
    }
}

/* One AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }. */
static see_status read_attribute(parser *p, der_reader *set, x509_name *name,
                                 int rdn)
{
    der_reader atv;
    size_t at = der_offset(set);
    READ(p, set, der_read_tlv(set, DER_SEQUENCE, &atv, NULL, NULL));
    if (name->count == X509_MAX_NAME_ATTRS)
        return fail(p, SEE_ERR_X509_LIMIT, SEE_ERR_X509_LIMIT, at);
    x509_attribute *a = &name->attrs[name->count];
    READ(p, &atv, der_read_oid(&atv, &a->oid, &a->oid_len));
    READ(p, &atv, der_peek_tag(&atv, &a->tag));
    der_reader value_copy = atv;
    der_reader contents;
    READ(p, &atv, der_read_any(&atv, &a->tag, &contents, &a->raw, &a->raw_len));
    if (is_string_tag(a->tag)) /* check the string type's alphabet */
        READ(p, &value_copy,
             der_read_string(&value_copy, &a->tag, &a->value, &a->value_len));
    else {
        a->value = contents.r.data;
        a->value_len = contents.r.len;
    }
    READ(p, &atv, der_expect_end(&atv));
    a->rdn = rdn;
    name->count++;
    return SEE_OK;
}

/* Name ::= SEQUENCE OF RelativeDistinguishedName (SET SIZE (1..MAX) OF
 * AttributeTypeAndValue), RFC 5280 4.1.2.4. */
static see_status read_name(parser *p, der_reader *d, x509_name *name)
{
    der_reader seq;
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &seq, &name->raw, &name->raw_len));
    name->count = 0;
    for (int rdn = 0; !der_at_end(&seq); rdn++) {
        der_reader set;
        size_t at = der_offset(&seq);
        READ(p, &seq, der_read_tlv(&seq, DER_SET, &set, NULL, NULL));
        if (der_at_end(&set))
            return bad_value(p, at);
        while (!der_at_end(&set))
            TRY(read_attribute(p, &set, name, rdn));
    }
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

/* ------------------------------------------------------- extensions --- */

/* basicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *                                 pathLenConstraint INTEGER (0..MAX) OPTIONAL }
 * RFC 5280 4.2.1.9. DER leaves out a DEFAULT value, so cA is either
 * absent or TRUE. */
static see_status read_basic_constraints(parser *p, der_reader *d,
                                         x509_cert *cert)
{
    der_reader seq;
    uint8_t tag;
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    cert->is_ca = 0;
    cert->path_len = -1;
    if (der_peek_tag(&seq, &tag) == SEE_OK && tag == DER_BOOLEAN) {
        size_t at = der_offset(&seq);
        READ(p, &seq, der_read_boolean(&seq, &cert->is_ca));
        if (!cert->is_ca)
            return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_NONMINIMAL, at);
    }
    if (!der_at_end(&seq)) {
        uint64_t n;
        size_t at = der_offset(&seq);
        READ(p, &seq, der_read_small_uint(&seq, &n));
        if (n > 1000000) /* far beyond any real chain */
            return bad_value(p, at);
        cert->path_len = (long)n;
    }
    READ(p, &seq, der_expect_end(&seq));
    READ(p, d, der_expect_end(d));
    return SEE_OK;
}

/* keyUsage ::= BIT STRING { digitalSignature (0), ... decipherOnly (8) },
 * RFC 5280 4.2.1.3. Bit 0 is the top bit of the first byte. */
static see_status read_key_usage(parser *p, der_reader *d, x509_cert *cert)
{
    const uint8_t *bits;
    size_t len, at = der_offset(d);
    unsigned unused;
    READ(p, d, der_read_bit_string(d, &bits, &len, &unused));
    READ(p, d, der_expect_end(d));
    if (len == 0 || len > 2)
        return bad_value(p, at);
    cert->key_usage = 0;
    for (size_t i = 0; i < len * 8; i++)
        if (bits[i / 8] & (0x80 >> (i % 8)))
            cert->key_usage |= 1u << i;
    return SEE_OK;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (OID),
 * RFC 5280 4.2.1.12. */
static see_status read_ext_key_usage(parser *p, der_reader *d, x509_cert *cert)
{
    der_reader seq;
    size_t at = der_offset(d);
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    READ(p, d, der_expect_end(d));
    if (der_at_end(&seq))
        return bad_value(p, at);
    cert->ext_key_usage = 0;
    while (!der_at_end(&seq)) {
        const uint8_t *oid;
        size_t len;
        READ(p, &seq, der_read_oid(&seq, &oid, &len));
        if (oid_is(oid, len, OID_SERVER_AUTH))
            cert->ext_key_usage |= X509_EKU_SERVER_AUTH;
        else if (oid_is(oid, len, OID_CLIENT_AUTH))
            cert->ext_key_usage |= X509_EKU_CLIENT_AUTH;
        else if (oid_is(oid, len, OID_ANY_EXT_KEY_USAGE))
            cert->ext_key_usage |= X509_EKU_ANY;
        else
            cert->ext_key_usage |= X509_EKU_OTHER;
    }
    return SEE_OK;
}

/* The GeneralName tags of RFC 5280 4.2.1.6 we keep (IMPLICIT, primitive):
 * dNSName [2] IA5String and iPAddress [7] OCTET STRING. */
#define SAN_DNS_NAME    DER_CONTEXT_PRIM(2)
#define SAN_IP_ADDRESS  DER_CONTEXT_PRIM(7)

/* SubjectAltName ::= GeneralNames ::= SEQUENCE SIZE (1..MAX) OF
 * GeneralName. Other kinds of name (e-mail, URI, ...) are skipped. */
static see_status read_subject_alt_name(parser *p, der_reader *d,
                                        x509_cert *cert)
{
    der_reader seq;
    size_t at = der_offset(d);
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    READ(p, d, der_expect_end(d));
    if (der_at_end(&seq))
        return bad_value(p, at);
    cert->dns_count = cert->ip_count = 0;
    while (!der_at_end(&seq)) {
        der_reader gn;
        uint8_t tag;
        at = der_offset(&seq);
        READ(p, &seq, der_read_any(&seq, &tag, &gn, NULL, NULL));
        const uint8_t *v = gn.r.data;
        size_t len = gn.r.len;
        if (tag == SAN_DNS_NAME) {
            for (size_t i = 0; i < len; i++)
                if (v[i] >= 0x80 || v[i] == 0)
                    return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_STRING, at);
            if (len == 0)
                return bad_value(p, at);
            if (cert->dns_count == X509_MAX_SAN)
                return fail(p, SEE_ERR_X509_LIMIT, SEE_ERR_X509_LIMIT, at);
            cert->dns[cert->dns_count++] = (x509_bytes){v, len};
        } else if (tag == SAN_IP_ADDRESS) {
            if (len != 4 && len != 16)
                return bad_value(p, at);
            if (cert->ip_count == X509_MAX_SAN)
                return fail(p, SEE_ERR_X509_LIMIT, SEE_ERR_X509_LIMIT, at);
            cert->ips[cert->ip_count++] = (x509_bytes){v, len};
        }
    }
    return SEE_OK;
}

/* SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING (4.2.1.2). */
static see_status read_subject_key_id(parser *p, der_reader *d, x509_cert *cert)
{
    size_t at = der_offset(d);
    READ(p, d, der_read_octet_string(d, &cert->subject_key_id.data,
                                     &cert->subject_key_id.len));
    READ(p, d, der_expect_end(d));
    if (cert->subject_key_id.len == 0)
        return bad_value(p, at);
    return SEE_OK;
}

/* AuthorityKeyIdentifier ::= SEQUENCE {
 *     keyIdentifier             [0] KeyIdentifier OPTIONAL,
 *     authorityCertIssuer       [1] GeneralNames OPTIONAL,
 *     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
 * (4.2.1.1); only the keyIdentifier is kept. */
static see_status read_authority_key_id(parser *p, der_reader *d,
                                        x509_cert *cert)
{
    der_reader seq, part;
    int present;
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, &seq, NULL, NULL));
    READ(p, d, der_expect_end(d));
    READ(p, &seq, der_read_optional(&seq, DER_CONTEXT_PRIM(0), &part, &present));
    if (present)
        cert->authority_key_id = (x509_bytes){part.r.data, part.r.len};
    READ(p, &seq, der_read_optional(&seq, DER_CONTEXT(1), &part, &present));
    READ(p, &seq, der_read_optional(&seq, DER_CONTEXT_PRIM(2), &part, &present));
    READ(p, &seq, der_expect_end(&seq));
    return SEE_OK;
}

typedef see_status extension_reader(parser *p, der_reader *d, x509_cert *cert);

static const struct {
    oid_id id;
    const char *field;
    extension_reader *read;
} known_extensions[] = {
    {OID_BASIC_CONSTRAINTS, "extensions.basicConstraints", read_basic_constraints},
    {OID_KEY_USAGE, "extensions.keyUsage", read_key_usage},
    {OID_EXT_KEY_USAGE, "extensions.extKeyUsage", read_ext_key_usage},
    {OID_SUBJECT_ALT_NAME, "extensions.subjectAltName", read_subject_alt_name},
    {OID_SUBJECT_KEY_ID, "extensions.subjectKeyIdentifier", read_subject_key_id},
    {OID_AUTHORITY_KEY_ID, "extensions.authorityKeyIdentifier", read_authority_key_id},
};
#define KNOWN_EXTENSIONS (sizeof known_extensions / sizeof known_extensions[0])

static void mark_present(x509_cert *cert, oid_id id)
{
    switch (id) {
    case OID_BASIC_CONSTRAINTS: cert->has_basic_constraints = 1; break;
    case OID_KEY_USAGE: cert->has_key_usage = 1; break;
    case OID_EXT_KEY_USAGE: cert->has_ext_key_usage = 1; break;
    case OID_SUBJECT_ALT_NAME: cert->has_san = 1; break;
    default: break;
    }
}

/* The extnIDs read so far, to find one that comes again. */
typedef struct {
    x509_bytes oids[X509_MAX_EXTENSIONS];
    size_t count;
} extension_ids;

/* RFC 5280 4.2: "A certificate MUST NOT include more than one instance of
 * a particular extension", known to us or not: two copies of an extension
 * we skip could mean two things to two readers. at is the Extension's
 * offset. */
static see_status note_extension_id(parser *p, extension_ids *ids,
                                    const uint8_t *oid, size_t len, size_t at)
{
    for (size_t i = 0; i < ids->count; i++)
        if (ids->oids[i].len == len && memcmp(ids->oids[i].data, oid, len) == 0) {
            if (p->err->status == SEE_OK)
                der_oid_to_text(oid, len, p->err->oid, sizeof p->err->oid);
            return fail(p, SEE_ERR_X509_MALFORMED,
                        SEE_ERR_X509_DUPLICATE_EXTENSION, at);
        }
    if (ids->count == X509_MAX_EXTENSIONS)
        return fail(p, SEE_ERR_X509_LIMIT, SEE_ERR_X509_LIMIT, at);
    ids->oids[ids->count++] = (x509_bytes){oid, len};
    return SEE_OK;
}

/* Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
 * extnValue OCTET STRING } (4.1.2.9); the OCTET STRING holds the
 * extension's own DER. Each extension may appear once; an unknown one is
 * skipped unless critical. */
static see_status read_extension(parser *p, der_reader *list, x509_cert *cert,
                                 extension_ids *ids)
{
    der_reader ext, inner;
    const uint8_t *oid, *value;
    size_t oid_len, value_len, at = der_offset(list), oid_at;
    int critical = 0;
    uint8_t tag;

    p->field = "extensions";
    READ(p, list, der_read_tlv(list, DER_SEQUENCE, &ext, NULL, NULL));
    oid_at = der_offset(&ext);
    READ(p, &ext, der_read_oid(&ext, &oid, &oid_len));
    if (der_peek_tag(&ext, &tag) == SEE_OK && tag == DER_BOOLEAN) {
        size_t bool_at = der_offset(&ext);
        READ(p, &ext, der_read_boolean(&ext, &critical));
        if (!critical) /* DEFAULT FALSE must not be encoded (X.690 11.5) */
            return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_DER_NONMINIMAL,
                        bool_at);
    }
    READ(p, &ext, der_read_octet_string(&ext, &value, &value_len));
    READ(p, &ext, der_expect_end(&ext));

    for (size_t i = 0; i < KNOWN_EXTENSIONS; i++) {
        if (!oid_is(oid, oid_len, known_extensions[i].id))
            continue;
        p->field = known_extensions[i].field;
        TRY(note_extension_id(p, ids, oid, oid_len, at));
        nested_reader(p, &ext, value, value_len, &inner);
        TRY(known_extensions[i].read(p, &inner, cert));
        mark_present(cert, known_extensions[i].id);
        return SEE_OK;
    }
    TRY(note_extension_id(p, ids, oid, oid_len, at));
    if (critical)
        return unsupported_oid(p, SEE_ERR_X509_CRITICAL_EXTENSION, oid,
                               oid_len, oid_at);
    return SEE_OK;
}

/* extensions [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension. */
static see_status read_extensions(parser *p, der_reader *tbs, x509_cert *cert)
{
    der_reader wrapper, list;
    int present;
    extension_ids ids;
    ids.count = 0;
    p->field = "extensions";
    READ(p, tbs, der_read_optional(tbs, DER_CONTEXT(3), &wrapper, &present));
    if (!present)
        return SEE_OK;
    size_t at = der_offset(&wrapper);
    if (cert->version != 3) /* RFC 5280 4.1.2.9: extensions are v3 only */
        return bad_value(p, at);
    READ(p, &wrapper, der_read_tlv(&wrapper, DER_SEQUENCE, &list, NULL, NULL));
    READ(p, &wrapper, der_expect_end(&wrapper));
    if (der_at_end(&list))
        return bad_value(p, at);
    while (!der_at_end(&list))
        TRY(read_extension(p, &list, cert, &ids));
    return SEE_OK;
}

/* ------------------------------------------------------------- tbs --- */

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
    TRY(read_name(p, tbs, &cert->issuer));
    p->field = "validity";
    TRY(read_validity(p, tbs, cert));
    p->field = "subject";
    TRY(read_name(p, tbs, &cert->subject));
    p->field = "subjectPublicKeyInfo";
    TRY(read_spki(p, tbs, cert));
    p->field = "issuerUniqueID";
    READ(p, tbs, der_read_optional(tbs, DER_CONTEXT_PRIM(1), &unique, &present));
    p->field = "subjectUniqueID";
    READ(p, tbs, der_read_optional(tbs, DER_CONTEXT_PRIM(2), &unique, &present));
    TRY(read_extensions(p, tbs, cert));
    p->field = "tbsCertificate";
    READ(p, tbs, der_expect_end(tbs));
    return SEE_OK;
}

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

/* ------------------------------------------------------------ names --- */

/* A bounded text appender: writes what fits, always NUL-terminated. */
typedef struct {
    char *out;
    size_t cap, len;
} text_buf;

static void put_char(text_buf *t, char c)
{
    if (t->len + 1 < t->cap)
        t->out[t->len++] = c;
    t->out[t->len < t->cap ? t->len : t->cap - 1] = '\0';
}

static void put_text(text_buf *t, const char *s)
{
    while (*s)
        put_char(t, *s++);
}

static void put_hex_byte(text_buf *t, uint8_t b)
{
    static const char digits[] = "0123456789abcdef";
    put_char(t, digits[b >> 4]);
    put_char(t, digits[b & 15]);
}

/* The short names of RFC 4514 3, plus the common emailAddress and
 * serialNumber as OpenSSL writes them. */
static const char *attribute_short_name(const x509_attribute *a)
{
    static const struct { oid_id id; const char *name; } names[] = {
        {OID_COMMON_NAME, "CN"}, {OID_LOCALITY, "L"}, {OID_STATE, "ST"},
        {OID_ORGANIZATION, "O"}, {OID_ORGANIZATIONAL_UNIT, "OU"},
        {OID_COUNTRY, "C"}, {OID_STREET, "STREET"},
        {OID_DOMAIN_COMPONENT, "DC"}, {OID_USER_ID, "UID"},
        {OID_EMAIL_ADDRESS, "emailAddress"},
        {OID_SERIAL_NUMBER, "serialNumber"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (oid_is(a->oid, a->oid_len, names[i].id))
            return names[i].name;
    return NULL;
}

/* A string value with RFC 4514 2.4 escapes: ",+\"\\<>;" always, '#' or
 * ' ' at the start, ' ' at the end; control bytes as \XX. Bytes above
 * 0x7f pass through when the string is UTF-8 (checked by der.c), else
 * (T61String's Latin letters) are written as \XX too. */
static void put_escaped_value(text_buf *t, const uint8_t *v, size_t len,
                              int utf8)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t c = v[i];
        if (strchr(",+\"\\<>;", c) != NULL && c != 0) {
            put_char(t, '\\');
            put_char(t, (char)c);
        } else if ((i == 0 && (c == '#' || c == ' ')) ||
                   (i == len - 1 && c == ' ')) {
            put_char(t, '\\');
            put_char(t, (char)c);
        } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8)) {
            put_char(t, '\\');
            put_hex_byte(t, c);
        } else {
            put_char(t, (char)c);
        }
    }
}

static int is_text_tag(uint8_t tag)
{
    return tag == DER_UTF8_STRING || tag == DER_PRINTABLE_STRING ||
           tag == DER_IA5_STRING || tag == DER_T61_STRING ||
           tag == DER_NUMERIC_STRING || tag == DER_VISIBLE_STRING;
}

static void put_attribute(text_buf *t, const x509_attribute *a)
{
    const char *name = attribute_short_name(a);
    if (name != NULL && is_text_tag(a->tag)) {
        put_text(t, name);
        put_char(t, '=');
        put_escaped_value(t, a->value, a->value_len, a->tag == DER_UTF8_STRING);
        return;
    }
    /* RFC 4514 2.3, 2.4: dotted type and the value's DER in hex. */
    char dotted[64];
    der_oid_to_text(a->oid, a->oid_len, dotted, sizeof dotted);
    put_text(t, name != NULL ? name : dotted);
    put_text(t, "=#");
    for (size_t i = 0; i < a->raw_len; i++)
        put_hex_byte(t, a->raw[i]);
}

void x509_name_text(const x509_name *name, char *out, size_t cap)
{
    text_buf t = {out, cap, 0};
    out[0] = '\0';
    /* RFC 4514 2.1: the last RDN of the sequence is written first; the
     * attributes of one multi-valued RDN are joined by '+' (in any order:
     * we walk them backwards too, as OpenSSL does). */
    for (size_t i = name->count; i > 0; i--) {
        if (i != name->count)
            put_char(&t, name->attrs[i - 1].rdn == name->attrs[i].rdn ? '+'
                                                                      : ',');
        put_attribute(&t, &name->attrs[i - 1]);
    }
}

int x509_name_common_name(const x509_name *name, x509_bytes *cn)
{
    for (size_t i = 0; i < name->count; i++) {
        const x509_attribute *a = &name->attrs[i];
        if (oid_is(a->oid, a->oid_len, OID_COMMON_NAME) && is_text_tag(a->tag)) {
            cn->data = a->value;
            cn->len = a->value_len;
            return 1;
        }
    }
    return 0;
}

int x509_name_equal(const x509_name *a, const x509_name *b)
{
    return a->raw_len == b->raw_len &&
           memcmp(a->raw, b->raw, a->raw_len) == 0;
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

/* --------------------------------------------------------- addresses --- */

int x509_ip_from_text(const char *text, x509_ip *ip)
{
    memset(ip, 0, sizeof *ip);
    if (inet_pton(AF_INET, text, ip->addr) == 1) {
        ip->len = 4;
        return 1;
    }
    if (inet_pton(AF_INET6, text, ip->addr) == 1) {
        ip->len = 16;
        return 1;
    }
    return 0;
}

void x509_ip_to_text(const uint8_t *addr, size_t len, char *out, size_t cap)
{
    char buf[INET6_ADDRSTRLEN];
    const char *r = NULL;
    if (len == 4)
        r = inet_ntop(AF_INET, addr, buf, sizeof buf);
    else if (len == 16)
        r = inet_ntop(AF_INET6, addr, buf, sizeof buf);
    snprintf(out, cap, "%s", r != NULL ? r : "(bad address)");
}

/* ----------------------------------------------------------- bundles --- */

static see_status bundle_add(x509_bundle *b, const uint8_t *der, size_t len)
{
    ENSURE(b->count < X509_MAX_BUNDLE, SEE_ERR_X509_LIMIT);
    x509_bytes *grown = realloc(b->certs, (b->count + 1) * sizeof *grown);
    ENSURE(grown != NULL, SEE_ERR_NO_MEMORY);
    b->certs = grown;
    uint8_t *copy = malloc(len > 0 ? len : 1);
    ENSURE(copy != NULL, SEE_ERR_NO_MEMORY);
    memcpy(copy, der, len);
    b->certs[b->count++] = (x509_bytes){copy, len};
    return SEE_OK;
}

static see_status bundle_read_pem(x509_bundle *b, const uint8_t *file,
                                  size_t len)
{
    pem_iter it;
    pem_block block;
    see_status st;
    pem_iter_init(&it, file, len);
    while ((st = pem_next(&it, &block)) == SEE_OK) {
        if (!pem_label_is(&block, "CERTIFICATE"))
            continue;
        /* base64 makes 3 bytes of 4 characters: the DER is smaller. */
        size_t cap = block.body_len / 4 * 3 + 3, der_len;
        uint8_t *der = malloc(cap);
        ENSURE(der != NULL, SEE_ERR_NO_MEMORY);
        st = pem_decode_body(&block, der, cap, &der_len);
        if (st == SEE_OK)
            st = bundle_add(b, der, der_len);
        free(der);
        TRY(st);
    }
    if (st != SEE_ERR_PEM_NO_BEGIN)
        return st;
    return b->count > 0 ? SEE_OK : SEE_ERR_PEM_NO_BEGIN;
}

see_status x509_bundle_read(x509_bundle *bundle, const uint8_t *file,
                            size_t len)
{
    ENSURE(bundle != NULL && (file != NULL || len == 0), SEE_ERR_ARGUMENT);
    bundle->certs = NULL;
    bundle->count = 0;
    see_status st;
    if (pem_file_is_der(file, len)) /* the one rule, for every file */
        st = bundle_add(bundle, file, len);
    else
        st = bundle_read_pem(bundle, file, len);
    if (st != SEE_OK)
        x509_bundle_free(bundle);
    return st;
}

void x509_bundle_free(x509_bundle *bundle)
{
    for (size_t i = 0; i < bundle->count; i++)
        free((void *)bundle->certs[i].data);
    free(bundle->certs);
    bundle->certs = NULL;
    bundle->count = 0;
}

/* ------------------------------------------------------------ issuing --- */

static void write_signature_algorithm(der_writer *dw)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_SHA256_WITH_RSA));
    der_write_null(dw);
    der_end(dw);
}

/* RFC 7093 2, method 1: the leftmost 160 bits of the SHA-256 of the
 * subjectPublicKey BIT STRING's value (the RSAPublicKey DER). */
static see_status key_identifier(const rsa_public_key *key, uint8_t id[20])
{
    uint8_t *der = malloc(KEYFILE_MAX_SIZE), h[32];
    size_t len;
    ENSURE(der != NULL, SEE_ERR_NO_MEMORY);
    see_status st = keyfile_write_rsa_public(key, KEYFILE_RSA_PKCS1, 0, der,
                                             KEYFILE_MAX_SIZE, &len);
    if (st == SEE_OK) {
        sha256(der, len, h);
        memcpy(id, h, 20);
    }
    free(der);
    return st;
}

/* A Name of CN (and O when given), each in its own RDN, O first as
 * OpenSSL orders them. UTF8String, as RFC 5280 4.1.2.4 asks of new CAs. */
static void write_name(der_writer *dw, const char *cn, const char *org)
{
    der_begin(dw, DER_SEQUENCE);
    if (org != NULL) {
        der_begin(dw, DER_SET);
        der_begin(dw, DER_SEQUENCE);
        der_write_oid(dw, oid_get(OID_ORGANIZATION));
        der_write_string(dw, DER_UTF8_STRING, org, strlen(org));
        der_end(dw);
        der_end(dw);
    }
    der_begin(dw, DER_SET);
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(OID_COMMON_NAME));
    der_write_string(dw, DER_UTF8_STRING, cn, strlen(cn));
    der_end(dw);
    der_end(dw);
    der_end(dw);
}

/* Open one Extension: extnID, critical (only when TRUE), and the OCTET
 * STRING that will hold its value; close with end_extension. */
static void begin_extension(der_writer *dw, oid_id id, int critical)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(id));
    if (critical)
        der_write_boolean(dw, 1);
    der_begin(dw, DER_OCTET_STRING);
}

static void end_extension(der_writer *dw)
{
    der_end(dw);
    der_end(dw);
}

/* keyUsage as a DER named-bit BIT STRING: trailing zero bits dropped
 * (X.690 11.2.2). */
static void write_key_usage_bits(der_writer *dw, unsigned usage)
{
    uint8_t bits[2] = {0, 0};
    int highest = -1;
    for (int i = 0; i < 9; i++) {
        if (usage & (1u << i)) {
            bits[i / 8] |= (uint8_t)(0x80 >> (i % 8));
            highest = i;
        }
    }
    size_t len = (size_t)highest / 8 + 1;
    unsigned unused = 7 - (unsigned)highest % 8;
    der_write_bit_string(dw, bits, len, unused);
}

static void write_extensions(der_writer *dw, const x509_issue_params *p,
                             const uint8_t ski[20], const x509_bytes *aki)
{
    der_begin(dw, DER_CONTEXT(3));
    der_begin(dw, DER_SEQUENCE);

    /* RFC 5280 4.2.1.9: critical in CA certificates. */
    begin_extension(dw, OID_BASIC_CONSTRAINTS, 1);
    der_begin(dw, DER_SEQUENCE);
    if (p->is_ca)
        der_write_boolean(dw, 1);
    if (p->is_ca && p->path_len >= 0)
        der_write_small_uint(dw, (uint64_t)p->path_len);
    der_end(dw);
    end_extension(dw);

    if (p->key_usage != 0) {
        begin_extension(dw, OID_KEY_USAGE, 1);
        write_key_usage_bits(dw, p->key_usage);
        end_extension(dw);
    }
    if (p->ext_key_usage & (X509_EKU_SERVER_AUTH | X509_EKU_CLIENT_AUTH)) {
        begin_extension(dw, OID_EXT_KEY_USAGE, 0);
        der_begin(dw, DER_SEQUENCE);
        if (p->ext_key_usage & X509_EKU_SERVER_AUTH)
            der_write_oid(dw, oid_get(OID_SERVER_AUTH));
        if (p->ext_key_usage & X509_EKU_CLIENT_AUTH)
            der_write_oid(dw, oid_get(OID_CLIENT_AUTH));
        der_end(dw);
        end_extension(dw);
    }
    if (p->dns_count + p->ip_count > 0) {
        begin_extension(dw, OID_SUBJECT_ALT_NAME, 0);
        der_begin(dw, DER_SEQUENCE);
        for (size_t i = 0; i < p->dns_count; i++)
            der_write_tlv(dw, SAN_DNS_NAME, p->dns[i], strlen(p->dns[i]));
        for (size_t i = 0; i < p->ip_count; i++)
            der_write_tlv(dw, SAN_IP_ADDRESS, p->ips[i].addr, p->ips[i].len);
        der_end(dw);
        end_extension(dw);
    }

    begin_extension(dw, OID_SUBJECT_KEY_ID, 0);
    der_write_octet_string(dw, ski, 20);
    end_extension(dw);

    if (aki->len > 0) {
        begin_extension(dw, OID_AUTHORITY_KEY_ID, 0);
        der_begin(dw, DER_SEQUENCE);
        der_write_tlv(dw, DER_CONTEXT_PRIM(0), aki->data, aki->len);
        der_end(dw);
        end_extension(dw);
    }

    der_end(dw);
    der_end(dw);
}

static int valid_dns_text(const char *s)
{
    if (s == NULL || s[0] == '\0' || strlen(s) > 253)
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x21)
            return 0;
    return 1;
}

static see_status check_issue_params(const x509_issue_params *p)
{
    ENSURE(p->common_name != NULL && p->common_name[0] != '\0',
           SEE_ERR_ARGUMENT);
    ENSURE(p->subject_key != NULL && p->issuer_key != NULL, SEE_ERR_ARGUMENT);
    ENSURE(p->not_after >= p->not_before, SEE_ERR_ARGUMENT);
    /* Before 1950 only GeneralizedTime could hold the date, and RFC 5280
     * 4.1.2.5 wants UTCTime through 2049: x509_parse would refuse it. */
    ENSURE(p->not_before >= der_epoch_from_civil(1950, 1, 1, 0, 0, 0),
           SEE_ERR_ARGUMENT);
    ENSURE(p->dns_count <= X509_MAX_SAN && p->ip_count <= X509_MAX_SAN,
           SEE_ERR_ARGUMENT);
    ENSURE(p->dns_count == 0 || p->dns != NULL, SEE_ERR_ARGUMENT);
    ENSURE(p->ip_count == 0 || p->ips != NULL, SEE_ERR_ARGUMENT);
    for (size_t i = 0; i < p->dns_count; i++)
        ENSURE(valid_dns_text(p->dns[i]), SEE_ERR_ARGUMENT);
    for (size_t i = 0; i < p->ip_count; i++)
        ENSURE(p->ips[i].len == 4 || p->ips[i].len == 16, SEE_ERR_ARGUMENT);
    return SEE_OK;
}

/* RFC 5280 4.1.2.2: positive, at most 20 octets, unpredictable. The top
 * bit is cleared (positive) and the next one set (so exactly 20 octets,
 * never a leading zero), leaving 158 random bits. */
static see_status random_serial(see_rng *rng, uint8_t serial[X509_MAX_SERIAL])
{
    TRY(rng_bytes(rng, serial, X509_MAX_SERIAL));
    serial[0] = (uint8_t)((serial[0] & 0x3f) | 0x40);
    return SEE_OK;
}

/* The TBSCertificate of RFC 5280 4.1 for p, into tbs. */
static see_status write_tbs(const x509_issue_params *p, see_rng *rng,
                            uint8_t *tbs, size_t cap, size_t *tbs_len)
{
    uint8_t serial[X509_MAX_SERIAL], ski[20];
    uint8_t *spki = malloc(KEYFILE_MAX_SIZE);
    size_t spki_len;
    see_status st;
    ENSURE(spki != NULL, SEE_ERR_NO_MEMORY);
    if ((st = random_serial(rng, serial)) != SEE_OK ||
        (st = key_identifier(p->subject_key, ski)) != SEE_OK ||
        (st = keyfile_write_rsa_public(p->subject_key, KEYFILE_SPKI, 0, spki,
                                       KEYFILE_MAX_SIZE, &spki_len)) != SEE_OK) {
        free(spki);
        return st;
    }
    /* The authority key identifier is the issuer's own subject key
     * identifier (RFC 5280 4.2.1.1), ours when self-signed. */
    x509_bytes aki = {ski, sizeof ski};
    if (p->issuer != NULL)
        aki = p->issuer->subject_key_id;

    der_writer dw;
    der_writer_init(&dw, tbs, cap);
    der_begin(&dw, DER_SEQUENCE);
    der_begin(&dw, DER_CONTEXT(0));
    der_write_small_uint(&dw, 2); /* v3 */
    der_end(&dw);
    der_write_unsigned_bytes(&dw, serial, sizeof serial);
    write_signature_algorithm(&dw);
    if (p->issuer != NULL)
        der_write_raw(&dw, p->issuer->subject.raw, p->issuer->subject.raw_len);
    else
        write_name(&dw, p->common_name, p->organization);
    der_begin(&dw, DER_SEQUENCE);
    der_write_time(&dw, p->not_before);
    der_write_time(&dw, p->not_after);
    der_end(&dw);
    write_name(&dw, p->common_name, p->organization);
    der_write_raw(&dw, spki, spki_len);
    write_extensions(&dw, p, ski, &aki);
    der_end(&dw);
    free(spki);
    return der_writer_finish(&dw, tbs_len);
}

see_status x509_issue(const x509_issue_params *p, see_rng *rng, uint8_t *out,
                      size_t cap, size_t *out_len)
{
    ENSURE(p != NULL && out != NULL && out_len != NULL, SEE_ERR_ARGUMENT);
    TRY(check_issue_params(p));

    uint8_t *tbs = malloc(X509_MAX_CERT_SIZE);
    uint8_t *sig = malloc(RSA_HUGE_BITS / 8);
    size_t tbs_len, sig_len;
    uint8_t h[32];
    see_status st = SEE_ERR_NO_MEMORY;
    if (tbs == NULL || sig == NULL)
        goto done;
    if ((st = write_tbs(p, rng, tbs, X509_MAX_CERT_SIZE, &tbs_len)) != SEE_OK)
        goto done;
    /* c: Charlie signs h(tbsCertificate) with his private key. */
    sha256(tbs, tbs_len, h);
    st = rsa_pkcs1_sign_digest(p->issuer_key, rng, h, sig, RSA_HUGE_BITS / 8,
                               &sig_len);
    if (st != SEE_OK)
        goto done;

    der_writer dw;
    der_writer_init(&dw, out, cap);
    der_begin(&dw, DER_SEQUENCE);
    der_write_raw(&dw, tbs, tbs_len);
    write_signature_algorithm(&dw);
    der_write_bit_string(&dw, sig, sig_len, 0);
    der_end(&dw);
    st = der_writer_finish(&dw, out_len);
done:
    free(tbs);
    free(sig);
    return st;
}
