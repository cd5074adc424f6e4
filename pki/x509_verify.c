/*
 * x509_verify.c: certificate path building and validation (RFC 5280 6,
 * RFC 6125 6) in the subset x509_verify.h describes.
 */
#include "pki/x509_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------- host names --- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int equal_ignoring_case(const uint8_t *a, size_t a_len, const char *b,
                               size_t b_len)
{
    if (a_len != b_len)
        return 0;
    for (size_t i = 0; i < a_len; i++)
        if (lower(a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/*
 * One presented DNS name against the host (RFC 6125 6.4.1 and 6.4.3):
 * equal ignoring ASCII case, or "*.rest" where `*` stands for exactly one
 * whole, non-empty left-most label of the host. A wildcard needs at least
 * two labels after it ("*.lab" would cover a whole top-level domain), and
 * a `*` anywhere else matches nothing.
 */
static int dns_name_matches(const uint8_t *pattern, size_t len, const char *host)
{
    size_t host_len = strlen(host);
    if (len >= 2 && pattern[0] == '*' && pattern[1] == '.') {
        const uint8_t *rest = pattern + 1; /* ".alex.lab" */
        size_t rest_len = len - 1, dots = 0;
        for (size_t i = 0; i < rest_len; i++) {
            if (rest[i] == '*')
                return 0;
            dots += rest[i] == '.';
        }
        if (dots < 2)
            return 0;
        const char *first_dot = strchr(host, '.');
        if (first_dot == NULL || first_dot == host)
            return 0;
        return equal_ignoring_case(rest, rest_len, first_dot,
                                   host_len - (size_t)(first_dot - host));
    }
    if (memchr(pattern, '*', len) != NULL)
        return 0;
    return equal_ignoring_case(pattern, len, host, host_len);
}

int x509_host_matches(const x509_cert *cert, const char *host)
{
    x509_ip ip;
    if (host == NULL || host[0] == '\0')
        return 0;
    /* An address is compared with the iPAddress entries only (RFC 6125
     * 1.7.2 leaves IP addresses out of DNS matching and CN fallback). */
    if (x509_ip_from_text(host, &ip)) {
        for (size_t i = 0; i < cert->ip_count; i++)
            if (cert->ips[i].len == ip.len &&
                memcmp(cert->ips[i].data, ip.addr, ip.len) == 0)
                return 1;
        return 0;
    }
    for (size_t i = 0; i < cert->dns_count; i++)
        if (dns_name_matches(cert->dns[i].data, cert->dns[i].len, host))
            return 1;
    if (cert->dns_count > 0)
        return 0;
    /* RFC 6125 6.4.4: the CN only when there is no DNS name to check. */
    for (size_t i = 0; i < cert->subject.count; i++) {
        x509_name one = cert->subject;
        one.count = 1;
        one.attrs[0] = cert->subject.attrs[i];
        x509_bytes cn;
        if (x509_name_common_name(&one, &cn) &&
            memchr(cn.data, 0, cn.len) == NULL &&
            dns_name_matches(cn.data, cn.len, host))
            return 1;
    }
    return 0;
}

/* --------------------------------------------------------- purposes --- */

static int eku_allows(const x509_cert *cert, x509_purpose purpose)
{
    if (!cert->has_ext_key_usage || cert->ext_key_usage & X509_EKU_ANY)
        return 1;
    if (purpose == X509_FOR_SERVER)
        return (cert->ext_key_usage & X509_EKU_SERVER_AUTH) != 0;
    return (cert->ext_key_usage & X509_EKU_CLIENT_AUTH) != 0;
}

int x509_purpose_allows(const x509_cert *cert, x509_purpose purpose)
{
    if (purpose == X509_FOR_ANY)
        return 1;
    if (!eku_allows(cert, purpose))
        return 0;
    if (!cert->has_key_usage)
        return 1;
    /* RFC 5246 7.4.2 and 7.4.8: an RSA server key decrypts the premaster
     * (keyEncipherment) or signs DHE parameters (digitalSignature); a
     * client key signs CertificateVerify (digitalSignature). */
    unsigned needed = X509_KU_DIGITAL_SIGNATURE;
    if (purpose == X509_FOR_SERVER)
        needed |= X509_KU_KEY_ENCIPHERMENT;
    return (cert->key_usage & needed) != 0;
}

/* ----------------------------------------------------- path building --- */

typedef struct {
    x509_cert *peer;          /* chain[0..peer_count) parsed */
    size_t peer_count;
    x509_cert *anchors;       /* the anchors that parsed */
    size_t anchor_count;
    const x509_cert *path[X509_MAX_CHAIN];
    size_t length;            /* certificates on path */
    int anchored;             /* path[length - 1] is an anchor */
} verifier;

static see_status report(x509_verify_result *r, see_status st, int depth)
{
    r->status = st;
    r->depth = depth;
    return st;
}

/* Could candidate have issued cert? Its subject must be cert's issuer,
 * and the key identifiers, when both are known, must agree. */
static int may_have_issued(const x509_cert *candidate, const x509_cert *cert)
{
    if (!x509_name_equal(&candidate->subject, &cert->issuer))
        return 0;
    const x509_bytes *aki = &cert->authority_key_id;
    const x509_bytes *ski = &candidate->subject_key_id;
    if (aki->len > 0 && ski->len > 0 &&
        (aki->len != ski->len || memcmp(aki->data, ski->data, aki->len) != 0))
        return 0;
    return 1;
}

static int on_path(const verifier *v, const x509_cert *c)
{
    for (size_t i = 0; i < v->length; i++)
        if (v->path[i] == c)
            return 1;
    return 0;
}

static int same_der(const x509_cert *a, const x509_cert *b)
{
    return a->der_len == b->der_len &&
           memcmp(a->der, b->der, a->der_len) == 0;
}

/* Keys an issuer may have: a public operation with a bigger modulus or
 * exponent costs seconds, and a peer could send a chain of them. */
#define ISSUER_MAX_BITS      8192
#define ISSUER_MAX_E_BITS    64

/* The issuer of cert among n candidates: the first whose name fits and
 * whose key verifies cert's signature. *name_matched says whether any
 * name fitted (so a failure is a bad signature, not an unknown issuer),
 * *too_big whether one was passed over for the size of its key. */
static const x509_cert *find_issuer(const verifier *v, const x509_cert *cert,
                                    const x509_cert *candidates, size_t n,
                                    int *name_matched, int *too_big)
{
    for (size_t i = 0; i < n; i++) {
        const x509_cert *c = &candidates[i];
        if (on_path(v, c) || !may_have_issued(c, cert))
            continue;
        if (mpz_sizeinbase(c->key.n, 2) > ISSUER_MAX_BITS ||
            mpz_sizeinbase(c->key.e, 2) > ISSUER_MAX_E_BITS) {
            *too_big = 1;
            continue;
        }
        *name_matched = 1;
        if (x509_check_signature(cert, &c->key) == SEE_OK)
            return c;
    }
    return NULL;
}

/* Step 1: from the leaf to an anchor, each signature checked on the way. */
static see_status build_path(verifier *v, x509_verify_result *r)
{
    v->path[0] = &v->peer[0];
    v->length = 1;
    for (;;) {
        const x509_cert *cur = v->path[v->length - 1];
        for (size_t i = 0; i < v->anchor_count; i++) {
            if (same_der(cur, &v->anchors[i])) { /* trusted as it is */
                v->anchored = 1;
                return SEE_OK;
            }
        }
        if (v->length == X509_MAX_CHAIN)
            return report(r, SEE_ERR_X509_LIMIT, (int)v->length - 1);
        int name_matched = 0, too_big = 0;
        const x509_cert *next = find_issuer(v, cur, v->anchors, v->anchor_count,
                                            &name_matched, &too_big);
        if (next != NULL) {
            v->path[v->length++] = next;
            v->anchored = 1;
            return SEE_OK;
        }
        next = find_issuer(v, cur, v->peer + 1, v->peer_count - 1,
                           &name_matched, &too_big);
        if (next == NULL && name_matched)
            return report(r, SEE_ERR_X509_BAD_SIGNATURE, (int)v->length - 1);
        if (next == NULL)
            return report(r, too_big ? SEE_ERR_X509_LIMIT
                                     : SEE_ERR_X509_UNKNOWN_ISSUER,
                          (int)v->length - 1);
        v->path[v->length++] = next;
    }
}

/* Step 2. */
static see_status check_validity(const verifier *v, int64_t now,
                                 x509_verify_result *r)
{
    for (size_t i = 0; i < v->length; i++) {
        if (now < v->path[i]->not_before)
            return report(r, SEE_ERR_X509_NOT_YET_VALID, (int)i);
        if (now > v->path[i]->not_after)
            return report(r, SEE_ERR_X509_EXPIRED, (int)i);
    }
    return SEE_OK;
}

static int self_issued(const x509_cert *c)
{
    return x509_name_equal(&c->subject, &c->issuer);
}

/* Step 3: every certificate above the leaf acts as a CA. */
static see_status check_issuers(const verifier *v, x509_purpose purpose,
                                x509_verify_result *r)
{
    size_t cas_below = 0; /* non-self-issued intermediates under path[i] */
    for (size_t i = 1; i < v->length; i++) {
        const x509_cert *c = v->path[i];
        int is_anchor = v->anchored && i == v->length - 1;
        int v1_anchor = is_anchor && c->version == 1;
        if (!v1_anchor && !(c->has_basic_constraints && c->is_ca))
            return report(r, SEE_ERR_X509_NOT_CA, (int)i);
        if (c->has_key_usage && !(c->key_usage & X509_KU_KEY_CERT_SIGN))
            return report(r, SEE_ERR_X509_NO_CERT_SIGN, (int)i);
        if (c->path_len >= 0 && cas_below > (size_t)c->path_len)
            return report(r, SEE_ERR_X509_PATH_LENGTH, (int)i);
        if (purpose != X509_FOR_ANY && !eku_allows(c, purpose))
            return report(r, SEE_ERR_X509_PURPOSE, (int)i);
        if (!self_issued(c))
            cas_below++;
    }
    return SEE_OK;
}

/* Step 3, last: every issuer's key, the anchor's included, has
 * X509_MIN_ISSUER_BITS at least (after the structure is known good, so
 * that a path both too long and weak is reported as too long). */
static see_status check_issuer_keys(const verifier *v, x509_verify_result *r)
{
    for (size_t i = 1; i < v->length; i++) {
        r->key_bits = mpz_sizeinbase(v->path[i]->key.n, 2);
        if (r->key_bits < X509_MIN_ISSUER_BITS)
            return report(r, SEE_ERR_X509_ISSUER_KEY_SMALL, (int)i);
    }
    return SEE_OK;
}

static void free_certs(x509_cert *certs, size_t n)
{
    if (certs == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        x509_cert_clear(&certs[i]);
    free(certs);
}

/* Parse the peer's certificates (each must parse) and the anchors (those
 * that do not are left out). */
static see_status parse_all(verifier *v, const x509_bytes *chain, size_t
                            chain_count, const x509_bytes *anchors,
                            size_t anchor_count, x509_verify_result *r)
{
    v->peer = calloc(chain_count, sizeof *v->peer);
    v->anchors = calloc(anchor_count > 0 ? anchor_count : 1,
                        sizeof *v->anchors);
    if (v->peer == NULL || v->anchors == NULL)
        return report(r, SEE_ERR_NO_MEMORY, -1);
    for (size_t i = 0; i < chain_count; i++) {
        x509_cert_init(&v->peer[i]);
        v->peer_count++;
        see_status st = x509_parse(&v->peer[i], chain[i].data, chain[i].len,
                                   &r->parse);
        if (st != SEE_OK)
            return report(r, st, (int)i);
    }
    for (size_t i = 0; i < anchor_count; i++) {
        x509_cert *a = &v->anchors[v->anchor_count];
        x509_cert_init(a);
        if (x509_parse_anchor(a, anchors[i].data, anchors[i].len, NULL) == SEE_OK)
            v->anchor_count++;
        else
            x509_cert_clear(a);
    }
    return SEE_OK;
}

static see_status verify_path(verifier *v, const char *host,
                              x509_purpose purpose, int64_t now,
                              x509_verify_result *r)
{
    see_status st = build_path(v, r);
    r->path_length = v->length;
    r->anchored = v->anchored;
    for (size_t i = 0; i < v->length; i++)
        x509_name_text(&v->path[i]->subject, r->path[i], sizeof r->path[i]);
    TRY(st);
    TRY(check_validity(v, now, r));
    TRY(check_issuers(v, purpose, r));
    TRY(check_issuer_keys(v, r));
    if (!x509_purpose_allows(v->path[0], purpose))
        return report(r, SEE_ERR_X509_PURPOSE, 0);
    if (host != NULL && !x509_host_matches(v->path[0], host))
        return report(r, SEE_ERR_X509_HOSTNAME, 0);
    return SEE_OK;
}

/* Fill in the names (and date) the result's text will give. */
static void describe(const verifier *v, see_status st, x509_verify_result *r)
{
    const x509_cert *c = NULL;
    if (st == SEE_OK) {
        x509_name_text(&v->path[v->length - 1]->subject, r->issuer,
                       sizeof r->issuer);
        return;
    }
    if (r->depth < 0)
        return;
    if (v->length > 0 && (size_t)r->depth < v->length)
        c = v->path[r->depth];   /* a failure on the path */
    else if (r->parse.status == SEE_OK && (size_t)r->depth < v->peer_count)
        c = &v->peer[r->depth];
    if (c == NULL)
        return;                  /* it did not parse */
    x509_name_text(&c->subject, r->at_fault, sizeof r->at_fault);
    x509_name_text(&c->issuer, r->issuer, sizeof r->issuer);
    r->bound = st == SEE_ERR_X509_EXPIRED ? c->not_after : c->not_before;
}

see_status x509_verify(const x509_bytes *chain, size_t chain_count,
                       const x509_bytes *anchors, size_t anchor_count,
                       const char *host, x509_purpose purpose, int64_t now,
                       rsa_public_key *leaf_key, x509_verify_result *result)
{
    x509_verify_result scratch;
    x509_verify_result *r = result != NULL ? result : &scratch;
    memset(r, 0, sizeof *r);
    r->depth = -1;
    r->parse.field = "";
    ENSURE(chain != NULL && chain_count > 0, report(r, SEE_ERR_ARGUMENT, -1));
    ENSURE(anchors != NULL || anchor_count == 0,
           report(r, SEE_ERR_ARGUMENT, -1));
    ENSURE(chain_count <= X509_MAX_PEER, report(r, SEE_ERR_X509_LIMIT, -1));

    verifier v;
    memset(&v, 0, sizeof v);
    see_status st = parse_all(&v, chain, chain_count, anchors, anchor_count, r);
    if (st == SEE_OK) {
        x509_name_text(&v.peer[0].subject, r->subject, sizeof r->subject);
        r->leaf_not_after = v.peer[0].not_after;
        r->has_key_usage = v.peer[0].has_key_usage;
        r->key_usage = v.peer[0].key_usage;
        st = verify_path(&v, host, purpose, now, r);
    }
    describe(&v, st, r);
    if (st == SEE_OK && leaf_key != NULL) {
        mpz_set(leaf_key->n, v.peer[0].key.n);
        mpz_set(leaf_key->e, v.peer[0].key.e);
    }
    r->status = st;
    free_certs(v.peer, v.peer_count);
    free_certs(v.anchors, v.anchor_count);
    return st;
}

see_status x509_verify_ca_file(const x509_bytes *chain, size_t chain_count,
                               const uint8_t *ca_file, size_t ca_file_len,
                               const char *host, x509_purpose purpose,
                               int64_t now, rsa_public_key *leaf_key,
                               x509_verify_result *result)
{
    x509_bundle anchors;
    see_status st = x509_bundle_read(&anchors, ca_file, ca_file_len);
    if (st != SEE_OK) {
        if (result != NULL) {
            memset(result, 0, sizeof *result);
            result->status = st;
            result->depth = -1;
            result->parse.field = "";
        }
        return st;
    }
    st = x509_verify(chain, chain_count, anchors.certs, anchors.count, host,
                     purpose, now, leaf_key, result);
    x509_bundle_free(&anchors);
    return st;
}

/* The detail of a parse failure, when the certificate did not parse. */
static int parse_detail(const x509_verify_result *r, char *out, size_t cap)
{
    switch (r->status) {
    case SEE_ERR_X509_MALFORMED: case SEE_ERR_X509_VERSION:
    case SEE_ERR_X509_ALGORITHM: case SEE_ERR_X509_CRITICAL_EXTENSION:
        break;
    default:
        return 0;
    }
    if (r->parse.status == SEE_OK)
        return 0;
    char parse[200];
    x509_error_text(&r->parse, parse, sizeof parse);
    snprintf(out, cap, "certificate %d: %s", r->depth, parse);
    return 1;
}

void x509_verify_result_detail(const x509_verify_result *r, char *out,
                               size_t cap)
{
    if (r->status == SEE_OK || r->depth < 0) {
        snprintf(out, cap, "%s", "");
    } else if (parse_detail(r, out, cap)) {
        return;
    } else if (r->status == SEE_ERR_X509_EXPIRED ||
               r->status == SEE_ERR_X509_NOT_YET_VALID) {
        int y, mo, d, h, mi, s;
        der_civil_from_epoch(r->bound, &y, &mo, &d, &h, &mi, &s);
        snprintf(out, cap, "depth %d, %s, not %s %04d-%02d-%02d "
                 "%02d:%02d:%02d UTC", r->depth, r->at_fault,
                 r->status == SEE_ERR_X509_EXPIRED ? "after" : "before",
                 y, mo, d, h, mi, s);
    } else if (r->status == SEE_ERR_X509_UNKNOWN_ISSUER) {
        snprintf(out, cap, "depth %d, %s, issued by %s: no such CA in the "
                 "CA file or the chain", r->depth, r->at_fault, r->issuer);
    } else if (r->status == SEE_ERR_X509_BAD_SIGNATURE) {
        snprintf(out, cap, "depth %d, %s, signed by %s: not with its key",
                 r->depth, r->at_fault, r->issuer);
    } else if (r->status == SEE_ERR_X509_ISSUER_KEY_SMALL) {
        snprintf(out, cap, "depth %d, %s, a %zu-bit key (%d bits at least)",
                 r->depth, r->at_fault, r->key_bits, X509_MIN_ISSUER_BITS);
    } else {
        snprintf(out, cap, "depth %d, %s", r->depth, r->at_fault);
    }
}

void x509_verify_result_text(const x509_verify_result *r, char *out,
                             size_t cap)
{
    char detail[700];
    if (r->status == SEE_OK) {
        snprintf(out, cap, "OK");
        return;
    }
    if (parse_detail(r, out, cap))
        return;  /* the parse error names itself */
    x509_verify_result_detail(r, detail, sizeof detail);
    snprintf(out, cap, "%s%s%s", see_strerror(r->status),
             detail[0] != '\0' ? ": " : "", detail);
}

see_status x509_check_key_pair(const uint8_t *cert, size_t cert_len,
                               const rsa_private_key *key)
{
    x509_cert c;
    x509_cert_init(&c);
    see_status st = x509_parse(&c, cert, cert_len, NULL);
    if (st == SEE_OK && (mpz_cmp(c.key.n, key->n) != 0 ||
                         mpz_cmp(c.key.e, key->e) != 0))
        st = SEE_ERR_X509_KEY_MISMATCH;
    x509_cert_clear(&c);
    return st;
}
