/*
 * x509_extensions.c: the extensions of a version 3 certificate (RFC 5280
 * 4.2), what the issuer says about the key beyond its owner's name.
 *
 *   basicConstraints (4.2.1.9)        may the key sign certificates, and
 *                                     how many CAs may follow below it
 *   keyUsage (4.2.1.3)                what the key may do
 *   extendedKeyUsage (4.2.1.12)       for which purposes (TLS server or
 *                                     client, ...)
 *   subjectAltName (4.2.1.6)          the host names and IP addresses
 *   subjectKeyIdentifier (4.2.1.2)    names for the keys, to find the
 *   authorityKeyIdentifier (4.2.1.1)  issuer of a certificate quickly
 *
 * Each is read from the OCTET STRING that wraps its own DER, into the
 * x509_cert fields x509.h lists. An extension we do not know is skipped
 * unless it is critical; none may appear twice (4.2).
 */
#include "pki/x509.h"

#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "pki/x509_internal.h"

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

/* An extension whose value is one SEQUENCE SIZE (1..MAX) OF something:
 * the SEQUENCE must fill the value and hold at least one element. seq
 * reads the elements. */
static see_status read_nonempty_sequence(parser *p, der_reader *d,
                                         der_reader *seq)
{
    size_t at = der_offset(d);
    READ(p, d, der_read_tlv(d, DER_SEQUENCE, seq, NULL, NULL));
    READ(p, d, der_expect_end(d));
    if (der_at_end(seq))
        return bad_value(p, at);
    return SEE_OK;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (OID),
 * RFC 5280 4.2.1.12. */
static see_status read_ext_key_usage(parser *p, der_reader *d, x509_cert *cert)
{
    der_reader seq;
    TRY(read_nonempty_sequence(p, d, &seq));
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

/* SubjectAltName ::= GeneralNames ::= SEQUENCE SIZE (1..MAX) OF
 * GeneralName. Other kinds of name (e-mail, URI, ...) are skipped. */
static see_status read_subject_alt_name(parser *p, der_reader *d,
                                        x509_cert *cert)
{
    der_reader seq;
    TRY(read_nonempty_sequence(p, d, &seq));
    cert->dns_count = cert->ip_count = 0;
    while (!der_at_end(&seq)) {
        der_reader gn;
        uint8_t tag;
        size_t at = der_offset(&seq);
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
see_status x509_read_extensions(parser *p, der_reader *tbs, x509_cert *cert)
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
