/*
 * alex_message.h: the messages between the laptop and the Pi, inside TLS.
 *
 * The lab's original protocol sent a kind byte and raw structs and took one
 * read() as one message; under load a message can arrive split or glued to
 * the next, and then the robot misreads it. Here every message is
 * length-prefixed and validated:
 *
 *   u16 length (of what follows) | u8 kind | body
 *
 * kinds (the lab's first four, plus a heartbeat):
 *   ERROR 0     u8 code, then an optional reason text. Code OK (0) is the
 *               lab's {ERROR, RESP_OK}: "command accepted".
 *   STATUS 1    16 x u32 params (the Arduino's status counters)
 *   MESSAGE 2   text from the robot, at most 32 bytes
 *   COMMAND 3   u8 key ('f','b','l','r','s','c','g'), i32 p1, i32 p2
 *   HEARTBEAT 4 empty: "I am still here" (keeps the link from timing out)
 *
 * Integers are big-endian (network order).
 */
#ifndef SEETLS_ALEX_MESSAGE_H
#define SEETLS_ALEX_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "robot/alex_link.h"
#include "robot/alex_packet.h"
#include "robot/alex_status.h"

#define ALEX_MSG_MAX_BODY   200
#define ALEX_MSG_MAX_WIRE   (2 + 1 + ALEX_MSG_MAX_BODY)

enum {
    ALEX_MSG_ERROR = 0,
    ALEX_MSG_STATUS = 1,
    ALEX_MSG_MESSAGE = 2,
    ALEX_MSG_COMMAND = 3,
    ALEX_MSG_HEARTBEAT = 4,
};

/* ERROR codes, a field of the wire's ERROR message (not a see_status):
 * the firmware's response codes, then the link's own. */
enum {
    ALEX_ERR_OK = 0,
    ALEX_ERR_BAD_PACKET = 2,
    ALEX_ERR_BAD_CHECKSUM = 3,
    ALEX_ERR_BAD_COMMAND = 4,
    ALEX_ERR_BAD_RESPONSE = 5,
    ALEX_ERR_BUSY = 6,        /* another controller is connected */
    ALEX_ERR_BAD_PARAM = 7,   /* distance, angle or power out of range */
    ALEX_ERR_ROBOT = 8,       /* the Arduino did not answer properly */
};

/* Ranges a command's parameters must lie in. */
#define ALEX_MAX_DISTANCE_CM 1000 /* 0 means "until told to stop" */
#define ALEX_MAX_ANGLE_DEG   360
#define ALEX_MAX_POWER_PCT   100

/* The controller sends something (a command or a HEARTBEAT) at least every
 * ALEX_HEARTBEAT_MS, whatever its user does. The server's idle limit (the
 * silence that counts as a lost link) must leave room for one heartbeat
 * late or lost on the way: at least ALEX_MIN_IDLE_MS; any shorter and every
 * pause of the laptop's, a `wait` in a script, would drop the link. */
#define ALEX_HEARTBEAT_MS    100
#define ALEX_MIN_IDLE_MS     (2 * ALEX_HEARTBEAT_MS)

typedef struct {
    uint8_t kind;
    uint8_t code;                       /* ERROR */
    char key;                           /* COMMAND */
    int32_t p1, p2;                     /* COMMAND: distance/angle, power */
    uint32_t params[ALEX_PARAM_COUNT];  /* STATUS */
    char text[ALEX_MSG_MAX_BODY + 1];   /* ERROR reason, MESSAGE */
} alex_message;

/* Encode m into out (capacity cap); *len receives the wire size. */
see_status alex_message_encode(const alex_message *m, uint8_t *out,
                               size_t cap, size_t *len);

/* Encode m and write it to the link: SEE_OK, the encoder's status, or the
 * link's write's (alex_link.h). */
see_status alex_message_send(const alex_link *link, const alex_message *m);

/* Decode one whole wire message (length prefix included). */
see_status alex_message_decode(const uint8_t *in, size_t len, alex_message *m);

/* Check a COMMAND's key and ranges and translate it into the Arduino's
 * packet. Returns ALEX_ERR_OK, or the ERROR code to reply with (a wire
 * code, for the laptop, not a status: see_status stays on this side)
 * (ALEX_ERR_BAD_COMMAND for an unknown key, ALEX_ERR_BAD_PARAM for a value
 * out of range); nothing invalid ever becomes a packet. */
uint8_t alex_command_to_packet(const alex_message *m, alex_packet *packet);

/* Collects a byte stream into whole messages, however the stream was cut. */
typedef struct {
    uint8_t buf[ALEX_MSG_MAX_WIRE];
    size_t have;
} alex_message_reader;

void alex_message_reader_init(alex_message_reader *r);

/* Take bytes from in; when a whole message is ready, decode it into *m and
 * set *whole (with *used bytes consumed); *whole is 0 when more bytes are
 * needed (all consumed). SEE_OK, or the failure: ALEX_STATUS_MALFORMED for
 * a bad length prefix, the decoder's status for a message that does not
 * decode (the stream cannot be trusted after either). */
see_status alex_message_reader_feed(alex_message_reader *r, const uint8_t *in,
                                    size_t len, size_t *used, alex_message *m,
                                    int *whole);

#endif
