/*
 * x509.h: X.509 version 3 certificates (RFC 5280), in the subset seetls
 * supports: parse one, and issue one ("become a CA").
 *
 * The slides' certificate is (PUB, h(PUB), c): a public key, its hash, and
 * that hash signed by Charlie, the CA whom Alice and Bob both trust. A real
 * certificate is the same idea with more said about the key:
 *
 *   Certificate ::= SEQUENCE {
 *       tbsCertificate       TBSCertificate,  -- PUB and who it belongs to
 *       signatureAlgorithm   AlgorithmIdentifier,
 *       signatureValue       BIT STRING }     -- c = Charlie's signature of
 *                                             --     h(tbsCertificate)
 *
 * What is hashed and signed is the whole tbsCertificate ("to be signed"),
 * not only PUB: the names, the validity dates and the extensions are
 * vouched for too.
 *
 * The subset: version 3 (and version 1, which has no extensions: what
 * `openssl x509 -req` makes when given no extension file); signatures sha256WithRSAEncryption only
 * (RSASSA-PKCS1-v1_5 with SHA-256, RFC 4055); RSA public keys only; names
 * with any attributes; validity in UTCTime through 2049 and
 * GeneralizedTime from 2050 (RFC 5280 4.1.2.5); the
 * extensions basicConstraints, keyUsage, extendedKeyUsage,
 * subjectAltName (DNS names and IP addresses; other kinds skipped),
 * subjectKeyIdentifier and authorityKeyIdentifier. Any other extension is
 * ignored unless it is marked critical, which rejects the certificate
 * (RFC 5280 4.2). No extension, known or not, may appear twice (4.2).
 *
 * A parsed x509_cert points into the caller's DER buffer, which must live
 * as long as the x509_cert. It holds the RSA key as GMP numbers: clear it
 * with x509_cert_clear.
 *
 * One header, a file for each concern (x509_internal.h is what the
 * parser's files share, for pki/ alone):
 *
 *   x509.c             the certificate: parse it (RFC 5280 4.1), check
 *                      its signature
 *   x509_name.c        Names (4.1.2.4): compared, written as text
 *                      (RFC 4514); subjectAltName addresses as text
 *   x509_extensions.c  the extensions (4.2)
 *   x509_bundle.c      the certificates of one PEM or DER file
 *   x509_issue.c       make a certificate (become a CA)
 *   x509_verify.h/.c   check a chain (6.1) and a host name: apart
 */
#ifndef SEETLS_X509_H
#define SEETLS_X509_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"
#include "core/error.h"
#include "crypto/random.h"
#include "crypto/rsa.h"

#define X509_MAX_NAME_ATTRS  32   /* attributes in one Name */
#define X509_MAX_SAN         32   /* DNS names, and IP addresses, each */
#define X509_MAX_SERIAL      20   /* RFC 5280 4.1.2.2: at most 20 octets */
#define X509_MAX_EXTENSIONS  64   /* extensions in one certificate */
#define X509_MAX_CERT_SIZE   65536

/* keyUsage bits (RFC 5280 4.2.1.3): bit n of the BIT STRING is 1 << n. */
#define X509_KU_DIGITAL_SIGNATURE  (1u << 0)
#define X509_KU_NON_REPUDIATION    (1u << 1)
#define X509_KU_KEY_ENCIPHERMENT   (1u << 2)
#define X509_KU_DATA_ENCIPHERMENT  (1u << 3)
#define X509_KU_KEY_AGREEMENT      (1u << 4)
#define X509_KU_KEY_CERT_SIGN      (1u << 5)
#define X509_KU_CRL_SIGN           (1u << 6)
#define X509_KU_ENCIPHER_ONLY      (1u << 7)
#define X509_KU_DECIPHER_ONLY      (1u << 8)

/* extendedKeyUsage purposes (RFC 5280 4.2.1.12) we know; others are
 * X509_EKU_OTHER. */
#define X509_EKU_SERVER_AUTH  (1u << 0)
#define X509_EKU_CLIENT_AUTH  (1u << 1)
#define X509_EKU_ANY          (1u << 2)
#define X509_EKU_OTHER        (1u << 3)

/* One AttributeTypeAndValue of a Name. */
typedef struct {
    const uint8_t *oid;      /* the type's OID contents */
    size_t oid_len;
    uint8_t tag;             /* the value's string tag (DER_UTF8_STRING..) */
    const uint8_t *value;    /* the value's contents */
    size_t value_len;
    const uint8_t *raw;      /* the value's whole DER element */
    size_t raw_len;
    int rdn;                 /* which RelativeDistinguishedName (0 first);
                                attributes sharing one are multi-valued */
} x509_attribute;

/* A Name (RFC 5280 4.1.2.4): the RDNs in their DER order. */
typedef struct {
    const uint8_t *raw;      /* the whole Name element, for comparing */
    size_t raw_len;
    x509_attribute attrs[X509_MAX_NAME_ATTRS];
    size_t count;
} x509_name;

typedef struct {
    const uint8_t *data;
    size_t len;
} x509_bytes;

typedef struct {
    const uint8_t *der;      /* the whole certificate */
    size_t der_len;
    const uint8_t *tbs;      /* the exact tbsCertificate bytes (signed) */
    size_t tbs_len;

    int version;             /* 3, or 1 */
    const uint8_t *serial;   /* INTEGER contents, as encoded */
    size_t serial_len;
    x509_name issuer;
    x509_name subject;
    int64_t not_before;      /* seconds since 1970-01-01 UTC */
    int64_t not_after;
    const uint8_t *spki;     /* the whole SubjectPublicKeyInfo element */
    size_t spki_len;
    const uint8_t *signature;  /* c: the signatureValue's bytes */
    size_t signature_len;
    int signature_supported; /* 0 only for an anchor signed otherwise */

    /* Extensions; has_* says whether each was present. */
    int has_basic_constraints;
    int is_ca;
    long path_len;           /* -1: no pathLenConstraint */
    int has_key_usage;
    unsigned key_usage;      /* X509_KU_* */
    int has_ext_key_usage;
    unsigned ext_key_usage;  /* X509_EKU_* */
    int has_san;
    x509_bytes dns[X509_MAX_SAN];   /* dNSName entries, as IA5 text */
    size_t dns_count;
    x509_bytes ips[X509_MAX_SAN];   /* iPAddress entries, 4 or 16 bytes */
    size_t ip_count;
    x509_bytes subject_key_id;      /* len 0 when absent */
    x509_bytes authority_key_id;    /* keyIdentifier; len 0 when absent */

    rsa_public_key key;      /* PUB (last: a parse resets what is above) */
} x509_cert;

/* Where and why a parse failed, for a message such as
 * "malformed at offset 213: validity: malformed DER time". */
typedef struct {
    see_status status;       /* as returned */
    see_status cause;        /* for SEE_ERR_X509_MALFORMED: the DER error */
    size_t offset;           /* byte offset in the certificate's DER */
    const char *field;       /* the field being read ("validity"), or "" */
    char oid[64];            /* the OID, dotted, of an unsupported algorithm,
                                an unknown critical extension or a
                                duplicated one */
} x509_error;

/* ------------------------------------------------------------ x509.c --- */

void x509_cert_init(x509_cert *cert);
void x509_cert_clear(x509_cert *cert);

/*
 * Parse one DER certificate (DER only: nothing in it is ever read as
 * PEM). cert must be initialised. Errors:
 * SEE_ERR_X509_MALFORMED (err->cause and err->offset say what and where:
 * bad DER, trailing bytes, a field out of range, a string outside its
 * type's alphabet; SEE_ERR_X509_DUPLICATE_EXTENSION, with err->oid, for an
 * extension that appears twice, RFC 5280 4.2; SEE_ERR_X509_TIME_FORM for a
 * date before 2050 written as GeneralizedTime, RFC 5280 4.1.2.5),
 * SEE_ERR_X509_VERSION, SEE_ERR_X509_ALGORITHM (err->oid names it),
 * SEE_ERR_X509_CRITICAL_EXTENSION (err->oid), SEE_ERR_X509_LIMIT (more
 * names, SAN entries or extensions than the limits above),
 * SEE_ERR_ARGUMENT. err may be NULL.
 */
see_status x509_parse(x509_cert *cert, const uint8_t *der, size_t len,
                      x509_error *err);

/* The same for a trust anchor (a certificate of the CA file), whose own
 * signature is never checked (RFC 5280 6.1.1 (d)): any signature
 * algorithm is taken, and signature_supported says whether it is ours.
 * Its key must still be RSA. */
see_status x509_parse_anchor(x509_cert *cert, const uint8_t *der, size_t len,
                             x509_error *err);

/* One line describing err: "malformed at offset 213: validity: malformed
 * DER time", "unsupported algorithm 1.2.840.10045.4.3.2 (signature)", or
 * see_strerror's text. Always NUL-terminated (cap >= 1). */
void x509_error_text(const x509_error *err, char *out, size_t cap);

/* h(tbsCertificate): SHA-256 of the signed part. */
void x509_tbs_hash(const x509_cert *cert, uint8_t digest[32]);

/* Check that issuer_key made cert's signature: SEE_OK,
 * SEE_ERR_X509_BAD_SIGNATURE, or SEE_ERR_X509_ALGORITHM for an anchor
 * whose signature algorithm is not ours. */
see_status x509_check_signature(const x509_cert *cert,
                                const rsa_public_key *issuer_key);

/* ------------------------------------------------------- x509_name.c --- */

/* A Name in RFC 4514 style: the last RDN first, "CN=Alex Lab CA,O=NUS",
 * special characters escaped with '\'. Attribute types without a short
 * name are written dotted with the value in #hex (RFC 4514 2.4).
 * Truncated to fit out (cap >= 1), always NUL-terminated. */
void x509_name_text(const x509_name *name, char *out, size_t cap);

/* The first commonName of a name: 1 and its bytes, or 0. */
int x509_name_common_name(const x509_name *name, x509_bytes *cn);

/* 1 if the two names are the same DER (RFC 5280 7.1 comparison, in the
 * subset where issuers copy their subject byte for byte, as OpenSSL and
 * seetls do). */
int x509_name_equal(const x509_name *a, const x509_name *b);

/* A subjectAltName iPAddress: 4 bytes (IPv4) or 16 (IPv6). */
typedef struct {
    uint8_t addr[16];
    size_t len;
} x509_ip;

/* Parse an IPv4 or IPv6 address in text form into ip. 1 on success. */
int x509_ip_from_text(const char *text, x509_ip *ip);

/* The text of a 4- or 16-byte address (cap >= 46). */
void x509_ip_to_text(const uint8_t *addr, size_t len, char *out, size_t cap);

/* ----------------------------------------------------- x509_bundle.c --- */

#define X509_MAX_BUNDLE 1024   /* certificates in one file */

/* The certificates of one file, each a DER buffer of its own. */
typedef struct {
    x509_bytes *certs;
    size_t count;
} x509_bundle;

/*
 * The certificates of a file: every PEM block labelled CERTIFICATE, in
 * order (other blocks and text between them skipped: a CA file, a chain),
 * or, when the file is DER (pem_file_is_der: its first byte is 0x30), the
 * one DER certificate it is, never searched for PEM.
 * Nothing is parsed here beyond PEM. Errors: SEE_ERR_PEM_NO_BEGIN (no
 * certificate in the file), the PEM errors, SEE_ERR_X509_LIMIT (more than
 * X509_MAX_BUNDLE), SEE_ERR_NO_MEMORY. Free with x509_bundle_free.
 */
see_status x509_bundle_read(x509_bundle *bundle, const uint8_t *file,
                            size_t len);
void x509_bundle_free(x509_bundle *bundle);

/* ------------------------------------------------------ x509_issue.c --- */

typedef struct {
    /* The subject's name: CN = common_name, and O = organization when not
     * NULL. */
    const char *common_name;
    const char *organization;
    const rsa_public_key *subject_key;          /* PUB */
    /* The issuer (Charlie): its certificate, or NULL for a self-signed
     * one, where the subject signs itself with issuer_key. */
    const x509_cert *issuer;
    const rsa_private_key *issuer_key;
    int64_t not_before, not_after;
    int is_ca;                /* basicConstraints cA (critical) */
    long path_len;            /* -1: none */
    unsigned key_usage;       /* X509_KU_*, 0: no keyUsage (else critical) */
    unsigned ext_key_usage;   /* X509_EKU_SERVER_AUTH | ..., 0: none */
    const char *const *dns;   /* subjectAltName dNSNames */
    size_t dns_count;
    const x509_ip *ips;       /* subjectAltName iPAddresses */
    size_t ip_count;
} x509_issue_params;

/*
 * Make a certificate: a random positive serial of 20 bytes from rng, the
 * names, the validity, the key, the extensions asked for plus
 * subjectKeyIdentifier (the first 160 bits of the SHA-256 of the public
 * key's bits, RFC 7093 2 method 1) and authorityKeyIdentifier (the
 * issuer's subjectKeyIdentifier, or our own when self-signed), signed with
 * sha256WithRSAEncryption. The DER goes to out (cap bytes;
 * X509_MAX_CERT_SIZE is enough for any key rsa_generate makes). Errors:
 * SEE_ERR_ARGUMENT (missing name or key, not_after < not_before,
 * not_before before 1950 (RFC 5280 4.1.2.5 has no form for it), DNS name
 * not IA5, too many SAN entries), SEE_ERR_BUFFER_SMALL, SEE_ERR_RANDOM, the
 * RSA signing errors.
 */
see_status x509_issue(const x509_issue_params *p, see_rng *rng, uint8_t *out,
                      size_t cap, size_t *out_len);

#endif
