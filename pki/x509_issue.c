/*
 * x509_issue.c: making a certificate, becoming Charlie the CA.
 *
 * The TBSCertificate of RFC 5280 4.1 is written with der.h's writer: a
 * random serial (4.1.2.2), the issuer's Name copied byte for byte from its
 * own certificate, the validity (4.1.2.5), the subject's Name and
 * SubjectPublicKeyInfo, and the extensions asked for (4.2) with the two key
 * identifiers (RFC 7093 2 method 1). Charlie then signs h(tbsCertificate)
 * with sha256WithRSAEncryption (RFC 4055), and the three parts make the
 * Certificate (4.1.1). x509_parse reads back everything written here.
 */
#include "pki/x509.h"

#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "crypto/sha256.h"
#include "pki/keyfile.h"
#include "pki/x509_internal.h"

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
    oid_write_algorithm(&dw, OID_SHA256_WITH_RSA);
    if (p->issuer != NULL)
        der_write_raw(&dw, p->issuer->subject.raw, p->issuer->subject.raw_len);
    else
        x509_write_name(&dw, p->common_name, p->organization);
    der_begin(&dw, DER_SEQUENCE);
    der_write_time(&dw, p->not_before);
    der_write_time(&dw, p->not_after);
    der_end(&dw);
    x509_write_name(&dw, p->common_name, p->organization);
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
    oid_write_algorithm(&dw, OID_SHA256_WITH_RSA);
    der_write_bit_string(&dw, sig, sig_len, 0);
    der_end(&dw);
    st = der_writer_finish(&dw, out_len);
done:
    free(tbs);
    free(sig);
    return st;
}
