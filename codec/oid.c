/* oid.c: the table of known object identifiers (see oid.h). Each entry's
 * bytes are its DER contents; a unit test decodes every one and compares it
 * with the dotted form beside it. */
#include "codec/oid.h"

#include <string.h>

static const der_oid oid_table[OID_COUNT] = {
    {"rsaEncryption", "1.2.840.113549.1.1.1", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}, 9},
    {"md5WithRSAEncryption", "1.2.840.113549.1.1.4", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04}, 9},
    {"sha1WithRSAEncryption", "1.2.840.113549.1.1.5", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05}, 9},
    {"rsassaPss", "1.2.840.113549.1.1.10", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a}, 9},
    {"sha256WithRSAEncryption", "1.2.840.113549.1.1.11", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}, 9},
    {"sha384WithRSAEncryption", "1.2.840.113549.1.1.12", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c}, 9},
    {"sha512WithRSAEncryption", "1.2.840.113549.1.1.13", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d}, 9},
    {"dhKeyAgreement", "1.2.840.113549.1.3.1", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x03, 0x01}, 9},
    {"emailAddress", "1.2.840.113549.1.9.1", (const uint8_t[]){0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01}, 9},
    {"sha256", "2.16.840.1.101.3.4.2.1", (const uint8_t[]){0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, 9},
    {"dsa", "1.2.840.10040.4.1", (const uint8_t[]){0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01}, 7},
    {"ecPublicKey", "1.2.840.10045.2.1", (const uint8_t[]){0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}, 7},
    {"ecdsa-with-SHA256", "1.2.840.10045.4.3.2", (const uint8_t[]){0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}, 8},
    {"X25519", "1.3.101.110", (const uint8_t[]){0x2b, 0x65, 0x6e}, 3},
    {"Ed25519", "1.3.101.112", (const uint8_t[]){0x2b, 0x65, 0x70}, 3},
    {"CN", "2.5.4.3", (const uint8_t[]){0x55, 0x04, 0x03}, 3},
    {"serialNumber", "2.5.4.5", (const uint8_t[]){0x55, 0x04, 0x05}, 3},
    {"C", "2.5.4.6", (const uint8_t[]){0x55, 0x04, 0x06}, 3},
    {"L", "2.5.4.7", (const uint8_t[]){0x55, 0x04, 0x07}, 3},
    {"ST", "2.5.4.8", (const uint8_t[]){0x55, 0x04, 0x08}, 3},
    {"street", "2.5.4.9", (const uint8_t[]){0x55, 0x04, 0x09}, 3},
    {"O", "2.5.4.10", (const uint8_t[]){0x55, 0x04, 0x0a}, 3},
    {"OU", "2.5.4.11", (const uint8_t[]){0x55, 0x04, 0x0b}, 3},
    {"DC", "0.9.2342.19200300.100.1.25", (const uint8_t[]){0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19}, 10},
    {"UID", "0.9.2342.19200300.100.1.1", (const uint8_t[]){0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01}, 10},
    {"subjectKeyIdentifier", "2.5.29.14", (const uint8_t[]){0x55, 0x1d, 0x0e}, 3},
    {"keyUsage", "2.5.29.15", (const uint8_t[]){0x55, 0x1d, 0x0f}, 3},
    {"subjectAltName", "2.5.29.17", (const uint8_t[]){0x55, 0x1d, 0x11}, 3},
    {"basicConstraints", "2.5.29.19", (const uint8_t[]){0x55, 0x1d, 0x13}, 3},
    {"nameConstraints", "2.5.29.30", (const uint8_t[]){0x55, 0x1d, 0x1e}, 3},
    {"certificatePolicies", "2.5.29.32", (const uint8_t[]){0x55, 0x1d, 0x20}, 3},
    {"authorityKeyIdentifier", "2.5.29.35", (const uint8_t[]){0x55, 0x1d, 0x23}, 3},
    {"extKeyUsage", "2.5.29.37", (const uint8_t[]){0x55, 0x1d, 0x25}, 3},
    {"serverAuth", "1.3.6.1.5.5.7.3.1", (const uint8_t[]){0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01}, 8},
    {"clientAuth", "1.3.6.1.5.5.7.3.2", (const uint8_t[]){0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02}, 8},
    {"anyExtendedKeyUsage", "2.5.29.37.0", (const uint8_t[]){0x55, 0x1d, 0x25, 0x00}, 4},
};

const der_oid *oid_get(oid_id id)
{
    return &oid_table[id];
}

int oid_is(const uint8_t *oid, size_t len, oid_id id)
{
    return der_oid_equal(oid, len, &oid_table[id]);
}

const der_oid *oid_lookup(const uint8_t *oid, size_t len)
{
    for (int i = 0; i < OID_COUNT; i++)
        if (der_oid_equal(oid, len, &oid_table[i]))
            return &oid_table[i];
    return NULL;
}

void oid_write_algorithm(der_writer *dw, oid_id id)
{
    der_begin(dw, DER_SEQUENCE);
    der_write_oid(dw, oid_get(id));
    der_write_null(dw);
    der_end(dw);
}
