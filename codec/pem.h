/*
 * pem.h: PEM, the textual wrapping of DER in key files and certificates
 * (RFC 7468).
 *
 *     -----BEGIN RSA PRIVATE KEY-----        the pre-encapsulation boundary
 *     MIIBOgIBAAJBAK...                      base64 of the DER, 64 columns
 *     -----END RSA PRIVATE KEY-----          the post-encapsulation boundary
 *
 * The label between BEGIN and END names what the DER holds ("PRIVATE KEY",
 * "PUBLIC KEY", "CERTIFICATE", ...); the END label must repeat it exactly.
 * Text outside the blocks (openssl's -text output, comments) is ignored, as
 * RFC 7468 section 2 allows, and one file may hold several blocks (a CA
 * bundle): pem_next walks them in order.
 *
 * The parser reads through the bounded reader of bytes.h and never past its
 * input; the body is decoded by base64.h, which skips line breaks.
 */
#ifndef SEETLS_PEM_H
#define SEETLS_PEM_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"
#include "core/error.h"

#define PEM_MAX_LABEL 64   /* longest label accepted (RFC 7468 labels are short) */
#define PEM_LINE_WIDTH 64  /* base64 columns pem_encode writes (RFC 7468 2) */

/* One block found in a text: its label and its (still base64) body, both
 * pointing into the caller's text. */
typedef struct {
    const uint8_t *label;
    size_t label_len;
    const uint8_t *body;
    size_t body_len;
} pem_block;

/* A cursor over a text that may hold several blocks. */
typedef struct {
    reader r;
} pem_iter;

void pem_iter_init(pem_iter *it, const uint8_t *text, size_t len);

/*
 * The next block. SEE_ERR_PEM_NO_BEGIN when there is none left (the normal
 * end of the walk); SEE_ERR_PEM_NO_END when a BEGIN line has no END line
 * with the same label (a different END label is SEE_ERR_PEM_LABEL). A
 * boundary line may end in spaces, tabs or CR (RFC 7468 3, "laxtextualmsg").
 */
see_status pem_next(pem_iter *it, pem_block *block);

/* 1 if the block's label is exactly `label`. */
int pem_label_is(const pem_block *block, const char *label);

/* The block's body decoded from base64 into out. SEE_ERR_PEM_ENCRYPTED for
 * an RFC 1421 encrypted body (Proc-Type / DEK-Info headers), SEE_ERR_BASE64,
 * SEE_ERR_BUFFER_SMALL. */
see_status pem_decode_body(const pem_block *block, uint8_t *out, size_t cap,
                           size_t *out_len);

/* The same into a buffer of its own, allocated here to fit any body:
 * *out is the caller's to free (after wiping it, when the block held a
 * secret). On failure *out is NULL, and what was decoded has been wiped.
 * The errors of pem_decode_body, SEE_ERR_NO_MEMORY. */
see_status pem_decode_body_alloc(const pem_block *block, uint8_t **out,
                                 size_t *out_len);

/* The first block labelled `label`, decoded. SEE_ERR_PEM_NO_BEGIN if there
 * is no block at all, SEE_ERR_PEM_LABEL if there are blocks but none with
 * this label, or the errors above. */
see_status pem_find(const uint8_t *text, size_t len, const char *label,
                    uint8_t *out, size_t cap, size_t *out_len);

/*
 * Is a file bare DER rather than PEM text? This is the one place seetls
 * decides, for whole files only: a file is DER when its first byte is 0x30,
 * the SEQUENCE tag every certificate and key structure begins with, and
 * text otherwise (PEM blocks, with text allowed before, between and after
 * them: RFC 7468 2). A DER file is never searched for "-----BEGIN ": the
 * bytes of a key or a certificate can be anything (a modulus can spell out
 * a whole PEM block), and must never decide how they are read. Bytes inside
 * a DER structure are DER, and never come here. An empty file is not DER.
 * (0x30 is also the character '0': a PEM file whose text before its first
 * block starts with a '0' is read as DER, and refused.)
 */
int pem_file_is_der(const uint8_t *file, size_t len);

/* The length of pem_encode's output for der_len bytes (without the NUL). */
size_t pem_encoded_len(const char *label, size_t der_len);

/* Wrap der[0..der_len) as a block labelled `label`, base64 in lines of 64
 * columns, each line ending in "\n". out receives pem_encoded_len() chars
 * and a NUL. SEE_ERR_BUFFER_SMALL, SEE_ERR_ARGUMENT (empty label, label
 * longer than PEM_MAX_LABEL or holding '-' at either end). */
see_status pem_encode(const char *label, const uint8_t *der, size_t der_len,
                      char *out, size_t cap, size_t *out_len);

#endif
