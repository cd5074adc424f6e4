/*
 * page_der.h: one X.509 certificate's DER (RFC 5280 4.1) annotated field
 * by field on demo-handshake's --html page: every element's tag and length
 * as one leaf, each primitive's contents as another (an OID by name, a
 * string as text, a time as written, a small INTEGER in decimal), and the
 * top-level fields named: tbsCertificate's version, serialNumber,
 * signature, issuer, validity, subject, subjectPublicKeyInfo (with n and
 * e), extensions; then signatureAlgorithm and signatureValue. Read with
 * the DER reader of codec/der.h.
 */
#ifndef SEETLS_DEMOS_PAGE_DER_H
#define SEETLS_DEMOS_PAGE_DER_H

#include <stddef.h>

#include "core/error.h"
#include "demos/page_fields.h"

/* The next len bytes of a's table, the index-th certificate of a chain
 * (0: the sender's own). On an error the bytes not yet explained are left
 * to the caller. */
see_status page_der_certificate(page_ann *a, size_t len, int index);

#endif
