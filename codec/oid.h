/*
 * oid.h: the object identifiers seetls knows by name, for key files and
 * certificates, with their DER contents. A parser compares an OID it read
 * with oid_is(); an error message names an unknown one in dotted form (see
 * der_oid_to_text).
 */
#ifndef SEETLS_OID_H
#define SEETLS_OID_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"

typedef enum {
    OID_RSA_ENCRYPTION,
    OID_MD5_WITH_RSA,
    OID_SHA1_WITH_RSA,
    OID_RSASSA_PSS,
    OID_SHA256_WITH_RSA,
    OID_SHA384_WITH_RSA,
    OID_SHA512_WITH_RSA,
    OID_DH_KEY_AGREEMENT,
    OID_EMAIL_ADDRESS,
    OID_SHA256,
    OID_DSA,
    OID_EC_PUBLIC_KEY,
    OID_ECDSA_WITH_SHA256,
    OID_X25519,
    OID_ED25519,
    OID_COMMON_NAME,
    OID_SERIAL_NUMBER,
    OID_COUNTRY,
    OID_LOCALITY,
    OID_STATE,
    OID_STREET,
    OID_ORGANIZATION,
    OID_ORGANIZATIONAL_UNIT,
    OID_DOMAIN_COMPONENT,
    OID_USER_ID,
    OID_SUBJECT_KEY_ID,
    OID_KEY_USAGE,
    OID_SUBJECT_ALT_NAME,
    OID_BASIC_CONSTRAINTS,
    OID_NAME_CONSTRAINTS,
    OID_CERTIFICATE_POLICIES,
    OID_AUTHORITY_KEY_ID,
    OID_EXT_KEY_USAGE,
    OID_SERVER_AUTH,
    OID_CLIENT_AUTH,
    OID_ANY_EXT_KEY_USAGE,
    /* PKCS#12 files (pki/pkcs12.c): RFC 7292, RFC 8018, RFC 5652 */
    OID_PKCS7_DATA,
    OID_PKCS7_ENCRYPTED_DATA,
    OID_PBES2,
    OID_PBKDF2,
    OID_HMAC_WITH_SHA256,
    OID_AES256_CBC,
    OID_FRIENDLY_NAME,
    OID_LOCAL_KEY_ID,
    OID_X509_CERTIFICATE,
    OID_PKCS8_SHROUDED_KEY_BAG,
    OID_CERT_BAG,
    OID_COUNT
} oid_id;

/* The OID with this id (never NULL). */
const der_oid *oid_get(oid_id id);

/* 1 if the DER contents oid[0..len) are this OID. */
int oid_is(const uint8_t *oid, size_t len, oid_id id);

/* The known OID with these contents, or NULL. */
const der_oid *oid_lookup(const uint8_t *oid, size_t len);

/* Write the AlgorithmIdentifier (RFC 5280 4.1.1.2) of this algorithm with
 * NULL parameters: SEQUENCE { algorithm OID, parameters NULL }, the form
 * of rsaEncryption (RFC 8017 A.1) and sha256WithRSAEncryption (RFC 4055 5),
 * in key files and certificates. */
void oid_write_algorithm(der_writer *dw, oid_id id);

#endif
