/*
 * x509_internal.h: what the files of pki/x509*.c share, and nothing else
 * includes: the state of one parse, the helpers that record its first
 * failure (which field, at what byte offset of the certificate), and what
 * each file lends the others:
 *
 *   x509.c             parses the certificate (RFC 5280 4.1), calling
 *   x509_name.c        x509_read_name for the issuer and the subject,
 *   x509_extensions.c  x509_read_extensions for the extensions (4.2);
 *   x509_issue.c       writes its subject with x509_name.c's
 *                      x509_write_name, and the subjectAltName tags below.
 *
 * The helpers are static inline: each file gets its own copy, and the
 * library exports none of their short names.
 */
#ifndef SEETLS_X509_INTERNAL_H
#define SEETLS_X509_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "core/error.h"
#include "pki/x509.h"

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
static inline see_status fail(parser *p, see_status status,
                              see_status cause, size_t offset)
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
static inline see_status der_failed(parser *p, const der_reader *d,
                                    see_status st)
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
static inline see_status bad_value(parser *p, size_t offset)
{
    return fail(p, SEE_ERR_X509_MALFORMED, SEE_ERR_X509_MALFORMED, offset);
}

/* An algorithm or a critical extension we do not know: its OID, dotted,
 * goes into the error for the message. */
static inline see_status unsupported_oid(parser *p, see_status status,
                                         const uint8_t *oid, size_t len,
                                         size_t at)
{
    if (p->err->status == SEE_OK)
        der_oid_to_text(oid, len, p->err->oid, sizeof p->err->oid);
    return fail(p, status, status, at);
}

/* A reader over bytes that hold DER of their own (a BIT STRING holding the
 * RSA key, an OCTET STRING holding an extension), one level deeper, whose
 * offsets still count from the certificate's start. */
static inline void nested_reader(parser *p, const der_reader *parent,
                                 const uint8_t *data, size_t len,
                                 der_reader *out)
{
    reader_init(&out->r, data, len);
    out->base = (size_t)(data - p->start);
    out->depth = parent->depth + 1;
    out->ctx = &p->ctx;
}

/* ------------------------------------ what the files lend each other --- */

/* Name ::= SEQUENCE OF RelativeDistinguishedName (x509_name.c). */
see_status x509_read_name(parser *p, der_reader *d, x509_name *name);

/* The extensions [3] of a tbsCertificate, if present (x509_extensions.c). */
see_status x509_read_extensions(parser *p, der_reader *tbs, x509_cert *cert);

/* A Name of CN (and O when org is not NULL), as x509_issue writes its
 * subject (x509_name.c). */
void x509_write_name(der_writer *dw, const char *cn, const char *org);

/* The GeneralName tags of RFC 5280 4.2.1.6 we keep (IMPLICIT, primitive):
 * dNSName [2] IA5String and iPAddress [7] OCTET STRING. Read by
 * x509_extensions.c, written by x509_issue.c. */
#define SAN_DNS_NAME    DER_CONTEXT_PRIM(2)
#define SAN_IP_ADDRESS  DER_CONTEXT_PRIM(7)

#endif
