/* alex_packet.c: the Pi <-> Arduino packet and its frame (alex_packet.h). */
#include "robot/alex_packet.h"

#include <string.h>

/* Offsets inside the 100-byte packet: packetType and command, then the
 * firmware's two "dummy" padding bytes, data[32], then params[16]. */
#define OFFSET_DATA   4
#define OFFSET_PARAMS (OFFSET_DATA + ALEX_DATA_SIZE)

static void store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static uint32_t load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

void alex_packet_encode(const alex_packet *packet,
                        uint8_t out[ALEX_PACKET_SIZE])
{
    memset(out, 0, ALEX_PACKET_SIZE);
    out[0] = packet->packet_type;
    out[1] = packet->command;
    memcpy(out + OFFSET_DATA, packet->data, ALEX_DATA_SIZE);
    for (int i = 0; i < ALEX_PARAM_COUNT; i++)
        store32_le(out + OFFSET_PARAMS + 4 * i, packet->params[i]);
}

void alex_packet_decode(const uint8_t in[ALEX_PACKET_SIZE],
                        alex_packet *packet)
{
    packet->packet_type = in[0];
    packet->command = in[1];
    memcpy(packet->data, in + OFFSET_DATA, ALEX_DATA_SIZE);
    packet->data[ALEX_DATA_SIZE - 1] = '\0'; /* always a C string */
    for (int i = 0; i < ALEX_PARAM_COUNT; i++)
        packet->params[i] = load32_le(in + OFFSET_PARAMS + 4 * i);
}

static uint8_t xor_checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++)
        sum ^= p[i];
    return sum;
}

void alex_frame_encode(const alex_packet *packet, uint8_t out[ALEX_FRAME_SIZE])
{
    out[0] = ALEX_MAGIC_0;
    out[1] = ALEX_MAGIC_1;
    alex_packet_encode(packet, out + 2);
    out[ALEX_FRAME_SIZE - 1] = xor_checksum(out + 2, ALEX_PACKET_SIZE);
}

void alex_framer_init(alex_framer *f)
{
    memset(f, 0, sizeof *f);
}

/* Drop the first byte of the held candidate and look for the magic again
 * in what remains: byte-by-byte resynchronisation. */
static void framer_shift(alex_framer *f)
{
    size_t start = 1;
    while (start < f->have) {
        if (f->buf[start] == ALEX_MAGIC_0 &&
            (start + 1 == f->have || f->buf[start + 1] == ALEX_MAGIC_1))
            break;
        start++;
    }
    f->skipped += start;
    memmove(f->buf, f->buf + start, f->have - start);
    f->have -= start;
}

int alex_framer_feed(alex_framer *f, const uint8_t *in, size_t len,
                     size_t *used, alex_packet *packet)
{
    size_t i = 0;
    while (i < len) {
        uint8_t byte = in[i++];
        /* Hunting for the magic: keep a byte only where it can start or
         * continue a frame. */
        if (f->have == 0 && byte != ALEX_MAGIC_0) {
            f->skipped++;
            continue;
        }
        if (f->have == 1 && byte != ALEX_MAGIC_1) {
            f->skipped++;
            f->have = byte == ALEX_MAGIC_0 ? 1 : 0;
            continue;
        }
        f->buf[f->have++] = byte;
        if (f->have < ALEX_FRAME_SIZE)
            continue;

        if (xor_checksum(f->buf + 2, ALEX_PACKET_SIZE) == f->buf[ALEX_FRAME_SIZE - 1]) {
            alex_packet_decode(f->buf + 2, packet);
            f->have = 0;
            *used = i;
            return 1;
        }
        f->bad_frames++;
        framer_shift(f);
    }
    *used = len;
    return 0;
}
