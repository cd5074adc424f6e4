/*
 * page_fields.h: bytes annotated field by field, for demo-handshake's
 * --html page, as The Illustrated TLS does by hand.
 *
 * A page_ann writes one table of the page: the bytes of one record as they
 * crossed the wire, or the plaintext of one protected record. It reads the
 * bytes with the bounded reader (core/bytes.h) and writes one row per leaf
 * field (its offset, its bytes in hex, its name, what it means), so that
 * the leaves tile the table's bytes exactly: every byte is in one leaf and
 * one only. Each leaf row carries data-offset, data-len and data-field for
 * a program to check that (tests/interop/test_handshake_page.sh). Groups
 * (a message, an extension, a DER element) are rows of their own around
 * their leaves. Headers are read with handshake/record.h's decoders; each
 * handshake message is first decoded by the library's own decoder
 * (handshake/messages.h) and only a message it accepts is laid out field
 * by field (the decoders give values, not where each lies: that is the
 * walkers' job here); one it refuses is one leaf, "refused", with why.
 *
 *   page_ann_begin/end  one table; end explains any bytes left over
 *   page_ann_row        one leaf: the next n bytes
 *   page_ann_group/ungroup  a heading row, and the leaves under it indented
 *   page_ann_vector     a length-prefixed vector's length as a leaf
 *   page_handshake_messages  every handshake message in the next n bytes
 *   page_alert, page_change_cipher_spec, page_application_data
 */
#ifndef SEETLS_DEMOS_PAGE_FIELDS_H
#define SEETLS_DEMOS_PAGE_FIELDS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/bytes.h"
#include "core/error.h"
#include "demos/page_capture.h"
#include "handshake/trace.h"

/* Anchors already given on the page: each value's anchor names one place. */
#define PAGE_MAX_ANCHORS 64
typedef struct {
    char names[PAGE_MAX_ANCHORS][24];
    int count;
} page_anchors;

/* 1 the first time name is asked for (the caller then writes it as an id). */
int page_anchor_claim(page_anchors *set, const char *name);

typedef struct {
    FILE *f;
    reader r;             /* over the table's bytes */
    size_t written;       /* the bytes [0, written) have their leaves */
    int depth;            /* of the groups open */
    trace_party sender;   /* who sent the record */
    int dhe;              /* the run's key exchange: 0 RSA, 1 DHE, 2 ECDHE
                             (cke_kind's values) */
    page_anchors *anchors;
    const page_value *finished; /* the sender's FINISHED MAC as it traced it,
                                   or NULL: a Finished that differs is red */
} page_ann;

/* Open a table over bytes[0..len), of kind "wire" or "plaintext". */
void page_ann_begin(page_ann *a, FILE *f, const uint8_t *bytes, size_t len,
                    const char *kind, trace_party sender, int dhe,
                    page_anchors *anchors);
/* Close it: bytes no walker explained go into one leaf ("not-understood"). */
void page_ann_end(page_ann *a);

/* The next n bytes as one leaf named field (shown after its last '.'),
 * with an id anchor (NULL: none) and a note (printf format; escaped). */
see_status page_ann_row(page_ann *a, size_t n, const char *field, const char *anchor,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same with a note of HTML the caller writes (note_html, trusted). */
see_status page_ann_row_html(page_ann *a, size_t n, const char *field,
                             const char *anchor, const char *note_html);
void page_ann_group(page_ann *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void page_ann_ungroup(page_ann *a);

/* A vector's length (width 1, 2 or 3 bytes) as a leaf field; *end is the
 * offset where the vector ends, inside the table. */
see_status page_ann_vector(page_ann *a, int width, const char *field,
                           const char *what, size_t *end);

/* HTML text: &, <, >, " escaped; bytes outside printable ASCII as '.'. */
void page_html_text(FILE *f, const char *s, size_t len);
/* Bytes as hex, a space between bytes. */
void page_html_hex(FILE *f, const uint8_t *p, size_t len);

/* Each handshake message (RFC 5246 7.4) in the next n bytes: its header and
 * its fields. A message longer than what is left is shown as a fragment. */
void page_handshake_messages(page_ann *a, size_t n);
/* An alert (7.2): level, description. */
void page_alert(page_ann *a, size_t n);
/* A ChangeCipherSpec (7.1). */
void page_change_cipher_spec(page_ann *a, size_t n);
/* Application data: the robot command or reply, as text. */
void page_application_data(page_ann *a, size_t n);

#endif
