/*
 * alex_packet.h: the packet the Raspberry Pi and the Arduino exchange over
 * the serial line, as the lab's existing firmware defines it, and the frame
 * that carries it robustly.
 *
 * The packet (100 bytes, the firmware's TPacket struct):
 *   packetType (1), command (1), 2 bytes of padding, data[32] (text),
 *   params[16] (uint32 each, little-endian as both the Pi and the AVR store
 *   them).
 *
 * The frame (103 bytes): the magic bytes 0xDE 0xAD, the 100-byte packet,
 * and the XOR of the packet's 100 bytes. A receiver that meets garbage (a
 * lost byte, line noise, a reset Arduino) resynchronises byte by byte: it
 * looks for the magic again one byte after the start of the bad frame, so
 * one bad byte costs at most one packet, never the rest of the session.
 */
#ifndef SEETLS_ALEX_PACKET_H
#define SEETLS_ALEX_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define ALEX_PACKET_SIZE  100
#define ALEX_FRAME_SIZE   103
#define ALEX_DATA_SIZE    32
#define ALEX_PARAM_COUNT  16
#define ALEX_MAGIC_0      0xDE
#define ALEX_MAGIC_1      0xAD

/* packetType */
enum {
    ALEX_PACKET_COMMAND = 0,
    ALEX_PACKET_RESPONSE = 1,
    ALEX_PACKET_ERROR = 2,
    ALEX_PACKET_MESSAGE = 3,
    ALEX_PACKET_HELLO = 4,
};

/* command, for ALEX_PACKET_RESPONSE and ALEX_PACKET_ERROR packets */
enum {
    ALEX_RESP_OK = 0,
    ALEX_RESP_STATUS = 1,
    ALEX_RESP_BAD_PACKET = 2,
    ALEX_RESP_BAD_CHECKSUM = 3,
    ALEX_RESP_BAD_COMMAND = 4,
    ALEX_RESP_BAD_RESPONSE = 5,
};

/* command, for ALEX_PACKET_COMMAND packets */
enum {
    ALEX_CMD_FORWARD = 0,
    ALEX_CMD_REVERSE = 1,
    ALEX_CMD_TURN_LEFT = 2,
    ALEX_CMD_TURN_RIGHT = 3,
    ALEX_CMD_STOP = 4,
    ALEX_CMD_GET_STATS = 5,
    ALEX_CMD_CLEAR_STATS = 6,
    ALEX_CMD_COUNT = 7,
};

/* The status reply's params, in the firmware's order. */
enum {
    ALEX_STAT_LEFT_FORWARD_TICKS = 0,
    ALEX_STAT_RIGHT_FORWARD_TICKS,
    ALEX_STAT_LEFT_REVERSE_TICKS,
    ALEX_STAT_RIGHT_REVERSE_TICKS,
    ALEX_STAT_LEFT_FORWARD_TICKS_TURNS,
    ALEX_STAT_RIGHT_FORWARD_TICKS_TURNS,
    ALEX_STAT_LEFT_REVERSE_TICKS_TURNS,
    ALEX_STAT_RIGHT_REVERSE_TICKS_TURNS,
    ALEX_STAT_FORWARD_DISTANCE,
    ALEX_STAT_REVERSE_DISTANCE,
    ALEX_STAT_COUNT,
};

typedef struct {
    uint8_t packet_type;
    uint8_t command;
    char data[ALEX_DATA_SIZE];         /* NUL-padded text */
    uint32_t params[ALEX_PARAM_COUNT];
} alex_packet;

/* The packet's 100 bytes, as the firmware lays them out. */
void alex_packet_encode(const alex_packet *packet,
                        uint8_t out[ALEX_PACKET_SIZE]);
void alex_packet_decode(const uint8_t in[ALEX_PACKET_SIZE],
                        alex_packet *packet);

/* A whole frame: magic, packet, checksum. */
void alex_frame_encode(const alex_packet *packet,
                       uint8_t out[ALEX_FRAME_SIZE]);

/* The receiving side: feed it bytes as they arrive, in any pieces. */
typedef struct {
    uint8_t buf[ALEX_FRAME_SIZE];
    size_t have;             /* bytes of a candidate frame held in buf */
    unsigned long bad_frames;  /* frames dropped for a bad checksum */
    unsigned long skipped;     /* bytes skipped while hunting for the magic */
} alex_framer;

void alex_framer_init(alex_framer *f);

/* Consume bytes from in[0..len) until a whole valid frame is found: then
 * *packet is filled, *used says how many bytes were consumed, and the
 * result is 1. When the input runs out first, *used = len and the result
 * is 0 (call again with more). Garbage and bad checksums are skipped. */
int alex_framer_feed(alex_framer *f, const uint8_t *in, size_t len,
                     size_t *used, alex_packet *packet);

#endif
