/*
 * fuzz_websocket_frame.c: the bytes as a client's stream of WebSocket
 * frames (codec/websocket.h), read frame after frame by one reader, the
 * first byte choosing the largest message it takes. Whatever the bytes:
 *  - a frame read lies inside the input (its payload and close reason),
 *    took at least 6 bytes (a client frame is masked), and keeps the
 *    rules: a control frame is whole and at most 125 bytes, a data
 *    frame's message within the cap, a whole text message UTF-8, a close
 *    code one that may be on the wire;
 *  - every proper prefix of a frame read is "need more" and changes
 *    neither the bytes nor the reader;
 *  - a refusal names a close code of 1002, 1007 or 1009;
 *  - a data frame's payload written back by the server's writer (binary),
 *    masked with a zero key, reads back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec/utf8.h"
#include "codec/websocket.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_frame(const ws_reader *r, const ws_frame *f, size_t remaining)
{
    if (f->frame_len < 6 || f->frame_len > remaining || f->payload_len > f->frame_len)
        abort();
    input_inside(f->payload, f->payload_len);
    if (f->opcode >= WS_CLOSE) {
        if (!f->fin || f->payload_len > WS_MAX_CONTROL_PAYLOAD)
            abort();
    } else if (f->payload_len > r->max_message) {
        abort();
    }
    if (f->opcode == WS_TEXT && f->fin && !utf8_valid(f->payload, f->payload_len))
        abort();
    if (f->opcode == WS_CLOSE) {
        input_inside(f->close_reason, f->close_reason_len);
        if (f->close_code != WS_CLOSE_NO_STATUS && !ws_close_code_valid(f->close_code))
            abort();
    }
}

/* The frame at buf (frame_len bytes, not yet unmasked): each proper prefix
 * is "need more", touching neither bytes nor reader. */
static void check_prefixes(ws_reader *r, uint8_t *buf, size_t frame_len)
{
    size_t cuts[] = {0, 1, 2, 6, frame_len / 2, frame_len - 1};
    uint8_t *before = malloc(frame_len);
    if (before == NULL)
        abort();
    memcpy(before, buf, frame_len);
    ws_reader saved = *r;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        ws_frame f;
        if (cuts[i] < frame_len && ws_read_frame(r, buf, cuts[i], &f) != SEE_ERR_NEED_MORE)
            abort();
    }
    if (memcmp(before, buf, frame_len) != 0 || memcmp(&saved, r, sizeof saved) != 0)
        abort();
    free(before);
}

static void check_written_back(const ws_frame *f)
{
    size_t size = ws_frame_size(f->payload_len) + 4;
    uint8_t *out = malloc(size);
    if (out == NULL)
        abort();
    writer w;
    writer_init(&w, out, size - 4);
    if (ws_write_frame(&w, WS_BINARY, f->payload, f->payload_len) != SEE_OK)
        abort();
    /* the client's form: MASK set, a zero key before the payload */
    size_t header = w.len - f->payload_len;
    memmove(out + header + 4, out + header, f->payload_len);
    memset(out + header, 0, 4);
    out[1] |= 0x80;
    ws_reader r;
    ws_frame back;
    ws_reader_init(&r, f->payload_len);
    if (ws_read_frame(&r, out, size, &back) != SEE_OK || back.frame_len != size ||
        back.payload_len != f->payload_len ||
        memcmp(back.payload, f->payload, f->payload_len) != 0)
        abort();
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t max_message = (size_t)data[0] * 37;
    uint8_t *buf = input_copy(data + 1, size - 1);
    if (buf == NULL)
        abort();
    size--;

    ws_reader r;
    ws_reader_init(&r, max_message);
    see_status st = SEE_OK;
    for (size_t pos = 0; st == SEE_OK && pos < size;) {
        ws_reader before = r;
        ws_frame f;
        uint8_t *scratch = malloc(size - pos);
        if (scratch == NULL)
            abort();
        memcpy(scratch, buf + pos, size - pos);
        st = ws_read_frame(&r, buf + pos, size - pos, &f);
        if (st == SEE_OK) {
            check_frame(&before, &f, size - pos);
            ws_reader again = before;
            check_prefixes(&again, scratch, f.frame_len);
            if (f.opcode < WS_CLOSE)
                check_written_back(&f);
            pos += f.frame_len;
        } else if (st != SEE_ERR_NEED_MORE) {
            uint16_t code = ws_close_code_of(st);
            if (code != 1002 && code != 1007 && code != 1009)
                abort();
        }
        free(scratch);
    }
    free(buf);
    return 0;
}
