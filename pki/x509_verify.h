/*
 * x509_verify.h: is this certificate really the peer's? The slides'
 * answer: Alice checks Bob's certificate with Charlie's public key, and she
 * has Charlie's certificate because she trusts him. RFC 5280 section 6 in
 * the subset seetls supports:
 *
 *   1. Build the path: from the leaf, find the certificate whose subject is
 *      the leaf's issuer and whose key verifies the leaf's signature, among
 *      the intermediates the peer sent, until a trust anchor (a
 *      certificate from the CA file) is reached.
 *   2. Each certificate on the path, the anchor included, is valid at the
 *      given time.
 *   3. Each issuer is a CA (basicConstraints cA TRUE; a version 1 anchor is
 *      taken as one, as OpenSSL does), may sign certificates (keyCertSign
 *      when it has keyUsage), has no more CAs below it than its
 *      pathLenConstraint allows, and a key of X509_MIN_ISSUER_BITS at least
 *      (the anchor's too, as OpenSSL checks it).
 *   4. The leaf is for the purpose asked (extendedKeyUsage and keyUsage;
 *      a CA's extendedKeyUsage, if it has one, must allow it too).
 *   5. The host name is the leaf's (RFC 6125): DNS names of the
 *      subjectAltName (exact but case-insensitive, or `*` as the whole
 *      left-most label), IP addresses for a host given as an address, and
 *      the subject's CN only when the subjectAltName has no DNS name.
 *
 * Each failure is its own status, and the result says which certificate
 * of the path (depth 0 = the leaf) it concerns. Not supported: CRLs and
 * OCSP, name constraints and policies (certificates that make them
 * critical are refused at parse), cross-certified paths with several
 * candidate issuers of the same name and key.
 *
 * The caller supplies the time: the library (pki/, crypto/, handshake/)
 * never reads the clock.
 */
#ifndef SEETLS_X509_VERIFY_H
#define SEETLS_X509_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "crypto/rsa.h"
#include "pki/x509.h"

#define X509_MAX_CHAIN   10     /* certificates on one path, anchor included */
#define X509_MAX_PEER    16     /* certificates the peer may send */
/* The smallest RSA modulus an issuer may sign with: 2048 bits, as the
 * handshake asks of the peer's own key (NIST SP 800-57: 112-bit security).
 * A signature by a weaker key is no stronger than that key. */
#define X509_MIN_ISSUER_BITS 2048

typedef enum {
    X509_FOR_ANY,      /* no purpose check */
    X509_FOR_SERVER,   /* TLS server: serverAuth; digitalSignature or
                              keyEncipherment */
    X509_FOR_CLIENT,   /* TLS client: clientAuth; digitalSignature */
} x509_purpose;

typedef struct {
    see_status status;     /* as returned */
    int depth;             /* the certificate at fault (0 = leaf), or -1 */
    x509_error parse;      /* when a certificate did not parse */
    size_t path_length;    /* certificates on the path found (so far, on a
                              failure), anchor included */
    int anchored;          /* the path ends at a trust anchor */
    char path[X509_MAX_CHAIN][128]; /* their subjects, leaf first */
    char subject[256];     /* the leaf's subject, RFC 4514 */
    char at_fault[256];    /* the subject of the certificate at fault */
    char issuer[256];      /* its issuer's name; on success, the anchor's
                              subject */
    int64_t bound;         /* for EXPIRED / NOT_YET_VALID: the notAfter /
                              notBefore passed */
    size_t key_bits;       /* for ISSUER_KEY_SMALL: the issuer's modulus */
    int64_t leaf_not_after; /* the leaf's notAfter (once it parsed) */
    int has_key_usage;     /* the leaf has a keyUsage extension (once it */
    unsigned key_usage;    /* parsed), with these X509_KU_* bits: what the
                              TLS key exchange may do with its key */
} x509_verify_result;

/*
 * Verify the peer's chain (chain[0] the leaf, then any intermediates in
 * any order, each DER) against the trust anchors (DER certificates from
 * the CA file; one that does not parse is skipped, as no issuer). host:
 * the expected name or address, or NULL for none. now: seconds since
 * 1970-01-01 UTC. On SEE_OK, leaf_key (initialised by the caller; may be
 * NULL) receives the leaf's RSA public key and result->subject its
 * subject. Errors: SEE_ERR_X509_MALFORMED and the other parse errors (of
 * a certificate in chain), SEE_ERR_X509_UNKNOWN_ISSUER,
 * SEE_ERR_X509_BAD_SIGNATURE, SEE_ERR_X509_EXPIRED,
 * SEE_ERR_X509_NOT_YET_VALID, SEE_ERR_X509_NOT_CA,
 * SEE_ERR_X509_NO_CERT_SIGN, SEE_ERR_X509_PATH_LENGTH,
 * SEE_ERR_X509_ISSUER_KEY_SMALL,
 * SEE_ERR_X509_PURPOSE, SEE_ERR_X509_HOSTNAME, SEE_ERR_X509_LIMIT (more
 * than X509_MAX_PEER certificates, a path longer than X509_MAX_CHAIN, or
 * the only issuer has a key of more than 8192 bits or an exponent of more
 * than 64 bits, too slow to check),
 * SEE_ERR_ARGUMENT, SEE_ERR_NO_MEMORY. result may be NULL.
 */
see_status x509_verify(const x509_bytes *chain, size_t chain_count,
                       const x509_bytes *anchors, size_t anchor_count,
                       const char *host, x509_purpose purpose, int64_t now,
                       rsa_public_key *leaf_key, x509_verify_result *result);

/* The same with the anchors given as the text of a CA file (a PEM bundle
 * of CERTIFICATE blocks, or one DER certificate), as the TLS handshake
 * holds it. The CA file's errors (x509_bundle_read's) come first. */
see_status x509_verify_ca_file(const x509_bytes *chain, size_t chain_count,
                               const uint8_t *ca_file, size_t ca_file_len,
                               const char *host, x509_purpose purpose,
                               int64_t now, rsa_public_key *leaf_key,
                               x509_verify_result *result);

/* One line for a result: "OK", or the failure with the certificate it
 * concerns ("certificate has expired: depth 0, CN=robot.lab, not after
 * 2027-11-23 20:40:26 UTC"). */
void x509_verify_result_text(const x509_verify_result *r, char *out,
                             size_t cap);

/* The same line without the status's own words, for a program that names
 * the status already ("depth 0, CN=robot.lab, not after 2027-11-23
 * 20:40:26 UTC", "certificate 0: malformed at offset 213: ..."); "" when
 * there is nothing to add (success, or no certificate concerned). */
void x509_verify_result_detail(const x509_verify_result *r, char *out,
                               size_t cap);

/* Is key the private key of the certificate cert (DER)? Compares the
 * certificate's public n and e with the key's: a server or client started
 * with files that do not belong together fails here, before any peer sees
 * a signature that does not verify. SEE_OK, SEE_ERR_X509_KEY_MISMATCH, or
 * the certificate's parse error. */
see_status x509_check_key_pair(const uint8_t *cert, size_t cert_len,
                               const rsa_private_key *key);

/* 1 if host is one of cert's names, by the rules of step 5 above. */
int x509_host_matches(const x509_cert *cert, const char *host);

/* 1 if cert may be used for purpose (step 4, for one certificate). */
int x509_purpose_allows(const x509_cert *cert, x509_purpose purpose);

#endif
