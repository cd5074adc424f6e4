/*
 * fuzz_websocket_client.c: the bytes as what a server sends a WebSocket
 * client (codec/websocket.h, the client's side): its answer to the
 * opening handshake, then its frames. Whatever the bytes:
 *  - ws_check_handshake_answer, with a fixed key, accepts only a head
 *    inside the input (head_len), and only one whose
 *    Sec-WebSocket-Accept is that key's: asked again with another key,
 *    it refuses;
 *  - a client's reader, frame after frame from the start: a frame read
 *    lies inside the input, took at least 2 bytes, was not masked (5.1)
 *    and so its payload is the input's bytes unchanged, a control frame
 *    is whole and at most 125 bytes, a data frame's message within the
 *    cap, a whole text message UTF-8;
 *  - a refusal names a close code of 1002, 1007 or 1009.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec/utf8.h"
#include "codec/websocket.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define OTHER_KEY "AAAAAAAAAAAAAAAAAAAAAA=="

static void check_answer(const uint8_t *buf, size_t size)
{
    size_t head_len = 0;
    see_status st = ws_check_handshake_answer(buf, size, KEY, &head_len);
    if (st != SEE_OK)
        return;
    if (head_len == 0 || head_len > size)
        abort();
    if (ws_check_handshake_answer(buf, size, OTHER_KEY, &head_len) != SEE_ERR_WS_ACCEPT)
        abort();
}

static void check_frame(const ws_reader *r, const ws_frame *f, const uint8_t *original,
                        size_t remaining)
{
    if (f->frame_len < 2 || f->frame_len > remaining || f->payload_len > f->frame_len)
        abort();
    input_inside(f->payload, f->payload_len);
    size_t header = f->frame_len - f->payload_len;
    if (memcmp(f->payload, original + header, f->payload_len) != 0)
        abort();   /* a server's frame is never unmasked */
    if (f->opcode >= WS_CLOSE) {
        if (!f->fin || f->payload_len > WS_MAX_CONTROL_PAYLOAD)
            abort();
    } else if (f->payload_len > r->max_message) {
        abort();
    }
    if (f->opcode == WS_TEXT && f->fin && !utf8_valid(f->payload, f->payload_len))
        abort();
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
    check_answer(buf, size);

    ws_reader r;
    ws_reader_init_client(&r, max_message);
    see_status st = SEE_OK;
    for (size_t pos = 0; st == SEE_OK && pos < size;) {
        ws_reader before = r;
        ws_frame f;
        st = ws_read_frame(&r, buf + pos, size - pos, &f);
        if (st == SEE_OK) {
            check_frame(&before, &f, data + 1 + pos, size - pos);
            pos += f.frame_len;
        } else if (st != SEE_ERR_NEED_MORE) {
            uint16_t code = ws_close_code_of(st);
            if (code != 1002 && code != 1007 && code != 1009)
                abort();
        }
    }
    free(buf);
    return 0;
}
