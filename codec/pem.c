/*
 * pem.c: finding, decoding and writing PEM blocks (RFC 7468). See pem.h.
 */
#include "codec/pem.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "codec/base64.h"

static const char begin_prefix[] = "-----BEGIN ";
static const char end_prefix[] = "-----END ";
static const char dashes[] = "-----";

#define LEN(s) (sizeof(s) - 1)

void pem_iter_init(pem_iter *it, const uint8_t *text, size_t len)
{
    reader_init(&it->r, text, len);
}

/* The next line (without its "\n"), trimmed of trailing spaces, tabs and
 * CR and of leading spaces and tabs. SEE_ERR_TRUNCATED at the end. */
static see_status next_line(reader *r, const uint8_t **line, size_t *len)
{
    size_t left = reader_remaining(r);
    ENSURE(left > 0, SEE_ERR_TRUNCATED);
    const uint8_t *start, *newline;
    const uint8_t *nl = memchr(r->data + r->pos, '\n', left);
    size_t n = nl != NULL ? (size_t)(nl - (r->data + r->pos)) : left;
    TRY(reader_bytes(r, n, &start));
    if (nl != NULL)
        TRY(reader_bytes(r, 1, &newline));
    while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t' ||
                     start[n - 1] == '\r'))
        n--;
    size_t skip = 0;
    while (skip < n && (start[skip] == ' ' || start[skip] == '\t'))
        skip++;
    *line = start + skip;
    *len = n - skip;
    return SEE_OK;
}

static int has_prefix(const uint8_t *line, size_t len, const char *prefix,
                      size_t prefix_len)
{
    return len >= prefix_len && memcmp(line, prefix, prefix_len) == 0;
}

/* RFC 7468 section 3: label = [ labelchar *( ["-" / SP] labelchar ) ],
 * labelchar = any printable ASCII character except '-'. */
static int label_valid(const uint8_t *label, size_t len)
{
    if (len == 0 || len > PEM_MAX_LABEL)
        return 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = label[i];
        if (c < 0x20 || c > 0x7e)
            return 0;
        int separator = c == '-' || c == ' ';
        if (separator && (i == 0 || i == len - 1))
            return 0;
        if (separator && (label[i - 1] == '-' || label[i - 1] == ' '))
            return 0;
    }
    return 1;
}

/* If line is "-----<prefix>LABEL-----" with a valid label, point at it. */
static int boundary_label(const uint8_t *line, size_t len, const char *prefix,
                          size_t prefix_len, const uint8_t **label,
                          size_t *label_len)
{
    if (!has_prefix(line, len, prefix, prefix_len) ||
        len < prefix_len + LEN(dashes) ||
        memcmp(line + len - LEN(dashes), dashes, LEN(dashes)) != 0)
        return 0;
    *label = line + prefix_len;
    *label_len = len - prefix_len - LEN(dashes);
    return label_valid(*label, *label_len);
}

see_status pem_next(pem_iter *it, pem_block *block)
{
    const uint8_t *line;
    size_t len;

    /* Skip explanatory text up to a BEGIN line. */
    for (;;) {
        if (next_line(&it->r, &line, &len) != SEE_OK)
            return SEE_ERR_PEM_NO_BEGIN;
        if (boundary_label(line, len, begin_prefix, LEN(begin_prefix),
                           &block->label, &block->label_len))
            break;
    }

    /* The body runs to the END line, which must carry the same label. */
    size_t body_start = it->r.pos;
    for (;;) {
        size_t line_start = it->r.pos;
        if (next_line(&it->r, &line, &len) != SEE_OK)
            return SEE_ERR_PEM_NO_END;
        if (has_prefix(line, len, begin_prefix, LEN(begin_prefix)))
            return SEE_ERR_PEM_NO_END; /* a new block before this one ended */
        if (!has_prefix(line, len, end_prefix, LEN(end_prefix)))
            continue;
        const uint8_t *label;
        size_t label_len;
        if (!boundary_label(line, len, end_prefix, LEN(end_prefix), &label,
                            &label_len) ||
            label_len != block->label_len ||
            memcmp(label, block->label, label_len) != 0)
            return SEE_ERR_PEM_LABEL;
        block->body = it->r.data + body_start;
        block->body_len = line_start - body_start;
        return SEE_OK;
    }
}

int pem_label_is(const pem_block *block, const char *label)
{
    return block->label_len == strlen(label) &&
           memcmp(block->label, label, block->label_len) == 0;
}

see_status pem_decode_body(const pem_block *block, uint8_t *out, size_t cap,
                           size_t *out_len)
{
    /* RFC 1421 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") mark the
     * traditional encrypted form; RFC 7468 has no headers at all. */
    if (memchr(block->body, ':', block->body_len) != NULL)
        return memmem(block->body, block->body_len, "Proc-Type", 9) != NULL
                   ? SEE_ERR_PEM_ENCRYPTED
                   : SEE_ERR_BASE64;
    return see_base64_decode((const char *)block->body, block->body_len, out,
                             cap, out_len);
}

see_status pem_decode_body_alloc(const pem_block *block, uint8_t **out,
                                 size_t *out_len)
{
    /* base64 gives at most 3 bytes for every 4 characters of the body
     * (whose line breaks count as characters here): never more than cap. */
    size_t cap = block->body_len / 4 * 3 + 3;
    uint8_t *buf = malloc(cap);
    *out = NULL;
    ENSURE(buf != NULL, SEE_ERR_NO_MEMORY);
    see_status st = pem_decode_body(block, buf, cap, out_len);
    if (st != SEE_OK) {
        see_wipe(buf, cap); /* part of a key may have been decoded */
        free(buf);
        return st;
    }
    *out = buf;
    return SEE_OK;
}

see_status pem_find(const uint8_t *text, size_t len, const char *label,
                    uint8_t *out, size_t cap, size_t *out_len)
{
    pem_iter it;
    pem_block block;
    see_status st;
    int seen = 0;
    pem_iter_init(&it, text, len);
    while ((st = pem_next(&it, &block)) == SEE_OK) {
        if (pem_label_is(&block, label))
            return pem_decode_body(&block, out, cap, out_len);
        seen = 1;
    }
    if (st == SEE_ERR_PEM_NO_BEGIN && seen)
        return SEE_ERR_PEM_LABEL;
    return st;
}

int pem_file_is_der(const uint8_t *file, size_t len)
{
    return len > 0 && file[0] == 0x30; /* der.h's DER_SEQUENCE */
}

size_t pem_encoded_len(const char *label, size_t der_len)
{
    size_t b64 = see_base64_encoded_len(der_len);
    size_t lines = (b64 + PEM_LINE_WIDTH - 1) / PEM_LINE_WIDTH;
    size_t label_len = strlen(label);
    return LEN(begin_prefix) + label_len + LEN(dashes) + 1 + b64 + lines +
           LEN(end_prefix) + label_len + LEN(dashes) + 1;
}

see_status pem_encode(const char *label, const uint8_t *der, size_t der_len,
                      char *out, size_t cap, size_t *out_len)
{
    size_t label_len = strlen(label);
    ENSURE(label_valid((const uint8_t *)label, label_len), SEE_ERR_ARGUMENT);
    ENSURE(cap > pem_encoded_len(label, der_len), SEE_ERR_BUFFER_SMALL);

    writer w;
    writer_init(&w, (uint8_t *)out, cap);
    TRY(writer_bytes(&w, begin_prefix, LEN(begin_prefix)));
    TRY(writer_bytes(&w, label, label_len));
    TRY(writer_bytes(&w, "-----\n", 6));
    /* 48 bytes of DER make one full line of 64 base64 characters. */
    for (size_t done = 0; done < der_len; done += 48) {
        size_t n = der_len - done < 48 ? der_len - done : 48;
        char line[PEM_LINE_WIDTH + 1];
        see_base64_encode(der + done, n, line);
        TRY(writer_bytes(&w, line, strlen(line)));
        TRY(writer_u8(&w, '\n'));
    }
    TRY(writer_bytes(&w, end_prefix, LEN(end_prefix)));
    TRY(writer_bytes(&w, label, label_len));
    TRY(writer_bytes(&w, "-----\n", 6));
    TRY(writer_u8(&w, '\0'));
    *out_len = w.len - 1;
    return SEE_OK;
}
