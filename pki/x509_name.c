/*
 * x509_name.c: the names in a certificate, who it is for and who vouches
 * for it.
 *
 *   - A Name (RFC 5280 4.1.2.4), the issuer's or the subject's: read from
 *     its DER into its attributes, written as one line of text in the
 *     style of RFC 4514 ("CN=Alex Lab CA,O=NUS"), compared, and written
 *     as DER from a common name and an organization when x509_issue.c
 *     makes a certificate.
 *   - The IP addresses of subjectAltName (RFC 5280 4.2.1.6), from and to
 *     text. (Its DNS names are IA5 text already: x509_extensions.c keeps
 *     them as they are.)
 */
#include "pki/x509.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "pki/x509_internal.h"

/* ----------------------------------------------------------- reading --- */

/* The string types whose alphabet der_read_string checks: the five of
 * DirectoryString (RFC 5280 4.1.2.4), IA5String (emailAddress,
 * domainComponent), NumericString and VisibleString. A value of another
 * type is kept as its bare contents. */
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
see_status x509_read_name(parser *p, der_reader *d, x509_name *name)
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

/* ----------------------------------------------------------- writing --- */

/* A RelativeDistinguishedName of one attribute, its value a UTF8String
 * as RFC 5280 4.1.2.4 asks of new CAs. */
static void write_rdn(der_writer *dw, oid_id type, const char *value)
{
    der_begin(dw, DER_SET);
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(type));
    der_write_string(dw, DER_UTF8_STRING, value, strlen(value));
    der_end(dw);
    der_end(dw);
}

/* A Name of CN (and O when given), each in its own RDN, O first as
 * OpenSSL orders them. */
void x509_write_name(der_writer *dw, const char *cn, const char *org)
{
    der_begin(dw, DER_SEQUENCE);
    if (org != NULL)
        write_rdn(dw, OID_ORGANIZATION, org);
    write_rdn(dw, OID_COMMON_NAME, cn);
    der_end(dw);
}

/* ----------------------------------------------------------- as text --- */

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

/* The string types whose bytes are characters as they stand (one byte
 * each, or UTF-8): all but BMPString and UniversalString, whose characters
 * are 2 and 4 bytes wide. */
static int is_text_tag(uint8_t tag)
{
    return is_string_tag(tag) && tag != DER_BMP_STRING &&
           tag != DER_UNIVERSAL_STRING;
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

/* --------------------------------------------------------- addresses --- */

/* The iPAddress names of subjectAltName (RFC 5280 4.2.1.6: 4 octets for
 * IPv4, 16 for IPv6, in network order) to and from their usual text. */

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
