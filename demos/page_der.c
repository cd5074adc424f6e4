/* page_der.c: a certificate's DER, element by element (see page_der.h).
 * Elements tile their parent exactly, so each leaf is simply the next
 * bytes of the table: a tag and length, then contents. */
#include "demos/page_der.h"

#include <stdio.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"

static const char *tag_name(uint8_t tag)
{
    switch (tag) {
    case DER_BOOLEAN: return "BOOLEAN";
    case DER_INTEGER: return "INTEGER";
    case DER_BIT_STRING: return "BIT STRING";
    case DER_OCTET_STRING: return "OCTET STRING";
    case DER_NULL: return "NULL";
    case DER_OID: return "OBJECT IDENTIFIER";
    case DER_UTF8_STRING: return "UTF8String";
    case DER_PRINTABLE_STRING: return "PrintableString";
    case DER_IA5_STRING: return "IA5String";
    case DER_UTC_TIME: return "UTCTime";
    case DER_GENERALIZED_TIME: return "GeneralizedTime";
    case DER_SEQUENCE: return "SEQUENCE";
    case DER_SET: return "SET";
    default: return (tag & 0xc0) == 0x80 ? "[context]" : "element";
    }
}

/* The tag's name in a field name: one word. */
static const char *field_tag_name(uint8_t tag)
{
    switch (tag) {
    case DER_BIT_STRING: return "BIT_STRING";
    case DER_OCTET_STRING: return "OCTET_STRING";
    case DER_OID: return "OID";
    default: return (tag & 0xc0) == 0x80 ? "context" : tag_name(tag);
    }
}

static int is_text(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] >= 0x7f)
            return 0;
    return n > 0;
}

/* What a primitive's contents mean, in note[0..cap). */
static void describe(uint8_t tag, const uint8_t *p, size_t n, char *note, size_t cap)
{
    if (tag == DER_INTEGER && n <= 8) {
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++)
            v = (v << 8) | p[i];
        snprintf(note, cap, "%llu", (unsigned long long)v);
    } else if (tag == DER_INTEGER) {
        snprintf(note, cap, "a number of %zu bytes", n);
    } else if (tag == DER_OID) {
        char dotted[64];
        const der_oid *known = oid_lookup(p, n);
        der_oid_to_text(p, n, dotted, sizeof dotted);
        snprintf(note, cap, "%s (%s)", known != NULL ? known->name : "an OID", dotted);
    } else if (tag == DER_BOOLEAN && n == 1) {
        snprintf(note, cap, "%s", p[0] ? "TRUE" : "FALSE");
    } else if (tag == DER_UTC_TIME || tag == DER_GENERALIZED_TIME) {
        snprintf(note, cap, "%.*s (YYMMDDhhmmssZ, UTC)", (int)n, (const char *)p);
    } else if (is_text(p, n)) {
        snprintf(note, cap, "\"%.*s\"", (int)(n > 200 ? 200 : n), (const char *)p);
    } else {
        snprintf(note, cap, "%zu bytes", n);
    }
}

/* 1 if p[0..n) is one or more whole DER elements, all the way down. */
static int all_der(const uint8_t *p, size_t n, int depth)
{
    if (n == 0 || depth > 8)
        return 0;
    der_context ctx = { 0, SEE_OK };
    der_reader d;
    der_reader_init(&d, &ctx, p, n);
    while (!der_at_end(&d)) {
        uint8_t tag;
        der_reader in;
        const uint8_t *raw;
        size_t raw_len;
        if (der_read_any(&d, &tag, &in, &raw, &raw_len) != SEE_OK)
            return 0;
        if ((tag & 0x20) && in.r.len > 0 && !all_der(in.r.data, in.r.len, depth + 1))
            return 0;
    }
    return 1;
}

/* The tag and length of the next element of d: one leaf; *in its contents. */
static see_status header(page_ann *a, der_reader *d, const char *field, const char *note,
                         uint8_t *tag, der_reader *in)
{
    const uint8_t *raw;
    size_t raw_len;
    TRY(der_read_any(d, tag, in, &raw, &raw_len));
    ENSURE(raw == a->r.data + a->r.pos, SEE_ERR_ARGUMENT);
    char name[96];
    snprintf(name, sizeof name, "%s (tag+len)", field);
    return page_ann_row(a, raw_len - in->r.len, name, NULL, "%s, %zu byte%s%s%s",
                        tag_name(*tag), in->r.len, in->r.len == 1 ? "" : "s",
                        note[0] ? ": " : "", note);
}

static see_status element_under(page_ann *a, der_reader *d, const char *field,
                                const char *prefix, const char *note, const char *anchor);

/* Each element of in, named prefix.TAG (its own descendants too). */
static see_status children(page_ann *a, der_reader *in, const char *prefix)
{
    while (!der_at_end(in)) {
        uint8_t tag;
        TRY(der_peek_tag(in, &tag));
        char field[96];
        snprintf(field, sizeof field, "%s.%s", prefix, field_tag_name(tag));
        TRY(element_under(a, in, field, prefix, "", NULL));
    }
    return SEE_OK;
}

/* One element: its tag and length, then its contents (children, or one
 * leaf for a primitive; an OCTET STRING that holds DER is opened). Its
 * descendants, at any depth, are named prefix.TAG. */
static see_status element_under(page_ann *a, der_reader *d, const char *field,
                                const char *prefix, const char *note, const char *anchor)
{
    uint8_t tag;
    der_reader in;
    TRY(header(a, d, field, note, &tag, &in));
    if (tag & 0x20) {
        a->depth++;
        TRY(children(a, &in, prefix));
        a->depth--;
        return SEE_OK;
    }
    size_t n = in.r.len;
    if (n == 0)
        return SEE_OK;
    const uint8_t *p = in.r.data;
    if (tag == DER_OCTET_STRING && all_der(p, n, 0)) {
        der_context ctx = { 0, SEE_OK };
        der_reader inner;
        der_reader_init(&inner, &ctx, p, n);
        a->depth++;
        TRY(children(a, &inner, prefix));
        a->depth--;
        return SEE_OK;
    }
    char what[256];
    describe(tag, p, n, what, sizeof what);
    return page_ann_row(a, n, field, anchor, "%s", what);
}

/* A named element; its descendants are named field.TAG. */
static see_status element(page_ann *a, der_reader *d, const char *field,
                          const char *note, const char *anchor)
{
    return element_under(a, d, field, field, note, anchor);
}

/* A BIT STRING: tag and length, the unused-bits byte, then its bits. */
static see_status bit_string(page_ann *a, der_reader *d, const char *field,
                             const char *note, der_reader *bits)
{
    uint8_t tag;
    TRY(header(a, d, field, note, &tag, bits));
    ENSURE(tag == DER_BIT_STRING && bits->r.len >= 1, SEE_ERR_DER_BITSTRING);
    char name[96];
    snprintf(name, sizeof name, "%s.unused_bits", field);
    TRY(page_ann_row(a, 1, name, NULL, "%u unused bits at the end", bits->r.data[0]));
    return SEE_OK;
}

/* SubjectPublicKeyInfo (RFC 5280 4.1.2.7) of an RSA key: the algorithm,
 * then a BIT STRING holding RSAPublicKey { n, e } (RFC 8017 A.1.1). */
static see_status public_key_info(page_ann *a, der_reader *tbs, int own)
{
    uint8_t tag;
    der_reader spki, bits;
    TRY(header(a, tbs, "tbsCertificate.subjectPublicKeyInfo", "the subject's public key",
               &tag, &spki));
    a->depth++;
    TRY(element(a, &spki, "subjectPublicKeyInfo.algorithm", "", NULL));
    TRY(bit_string(a, &spki, "subjectPublicKeyInfo.subjectPublicKey", "RSAPublicKey",
                   &bits));
    der_context ctx = { 0, SEE_OK };
    der_reader key, rsa;
    der_reader_init(&key, &ctx, bits.r.data + 1, bits.r.len - 1);
    TRY(header(a, &key, "RSAPublicKey", "n and e", &tag, &rsa));
    a->depth++;
    TRY(element(a, &rsa, "subjectPublicKeyInfo.n", "the modulus n = p q (p, q secret)", own ? "n" : NULL));
    TRY(element(a, &rsa, "subjectPublicKeyInfo.e", "the public exponent e",
                own ? "e" : NULL));
    a->depth -= 2;
    return SEE_OK;
}

/* TBSCertificate (RFC 5280 4.1.2): what the CA signs. */
static see_status tbs_certificate(page_ann *a, der_reader *cert, int own)
{
    uint8_t tag;
    der_reader tbs;
    TRY(header(a, cert, "tbsCertificate", "what the CA signs", &tag, &tbs));
    a->depth++;
    if (der_peek_tag(&tbs, &tag) == SEE_OK && tag == DER_CONTEXT(0)) {
        der_reader explicit_version;
        TRY(header(a, &tbs, "tbsCertificate.version [0]", "explicit tag", &tag,
                   &explicit_version));
        TRY(element(a, &explicit_version, "tbsCertificate.version", "2 means X.509 v3", NULL));
    }
    TRY(element(a, &tbs, "tbsCertificate.serialNumber", "the CA's number for this certificate", NULL));
    TRY(element(a, &tbs, "tbsCertificate.signature", "the algorithm the CA signs with", NULL));
    TRY(element(a, &tbs, "tbsCertificate.issuer", "the CA's name", NULL));
    TRY(element(a, &tbs, "tbsCertificate.validity", "notBefore, notAfter: B checks today is between", NULL));
    TRY(element(a, &tbs, "tbsCertificate.subject", "whose key this is", NULL));
    TRY(public_key_info(a, &tbs, own));
    if (!der_at_end(&tbs))
        TRY(element(a, &tbs, "tbsCertificate.extensions", "[3]: the names it is valid for, CA or not, key usage", NULL));
    TRY(children(a, &tbs, "tbsCertificate"));
    a->depth--;
    return SEE_OK;
}

see_status page_der_certificate(page_ann *a, size_t len, int index)
{
    ENSURE(len <= reader_remaining(&a->r), SEE_ERR_TRUNCATED);
    der_context ctx = { 0, SEE_OK };
    der_reader whole, cert, signature_value;
    der_reader_init(&whole, &ctx, a->r.data + a->r.pos, len);
    uint8_t tag;
    int depth = a->depth;
    TRY(header(a, &whole, "Certificate", "an X.509 certificate (RFC 5280 4.1)", &tag, &cert));
    a->depth++;
    see_status st = tbs_certificate(a, &cert, index == 0);
    if (st == SEE_OK)
        st = element(a, &cert, "Certificate.signatureAlgorithm", "sha256WithRSAEncryption: the CA's signature scheme", NULL);
    if (st == SEE_OK)
        st = bit_string(a, &cert, "Certificate.signatureValue", "the CA's signature",
                        &signature_value);
    if (st == SEE_OK)
        st = page_ann_row(a, signature_value.r.len - 1, "Certificate.signatureValue", NULL,
                          "the CA's RSA signature over tbsCertificate: B checks it with "
                          "the CA's public key, which B already has");
    a->depth = depth;
    return st;
}
