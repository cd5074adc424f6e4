/* test_alex.c: the robot link's packet, frame, messages and simulated Alex. */
#include <string.h>

#include "robot/alex_events.h"
#include "robot/alex_message.h"
#include "robot/alex_packet.h"
#include "robot/alex_sim.h"
#include "tests/unit/harness.h"

static alex_packet sample_packet(void)
{
    alex_packet p;
    memset(&p, 0, sizeof p);
    p.packet_type = ALEX_PACKET_COMMAND;
    p.command = ALEX_CMD_FORWARD;
    strcpy(p.data, "hi");
    p.params[0] = 50;
    p.params[1] = 0x01020304;
    p.params[15] = 0xffffffff;
    return p;
}

static void test_packet_layout(void)
{
    alex_packet p = sample_packet(), q;
    uint8_t raw[ALEX_PACKET_SIZE];
    alex_packet_encode(&p, raw);
    /* The firmware's TPacket: type, command, 2 padding bytes, data[32],
     * then params[16] little-endian from offset 36. */
    CU_ASSERT_EQUAL(raw[0], ALEX_PACKET_COMMAND);
    CU_ASSERT_EQUAL(raw[1], ALEX_CMD_FORWARD);
    CU_ASSERT_EQUAL(raw[2], 0);
    CU_ASSERT_EQUAL(raw[3], 0);
    CU_ASSERT_EQUAL(raw[4], 'h');
    CU_ASSERT_EQUAL(raw[5], 'i');
    ASSERT_HEX_EQ(raw + 36, 8, "3200000004030201");
    ASSERT_HEX_EQ(raw + 96, 4, "ffffffff");
    alex_packet_decode(raw, &q);
    CU_ASSERT_EQUAL(q.command, p.command);
    CU_ASSERT_STRING_EQUAL(q.data, "hi");
    CU_ASSERT_EQUAL(q.params[1], 0x01020304u);
}

static void test_frame_checksum(void)
{
    alex_packet p = sample_packet();
    uint8_t frame[ALEX_FRAME_SIZE];
    alex_frame_encode(&p, frame);
    CU_ASSERT_EQUAL(frame[0], 0xDE);
    CU_ASSERT_EQUAL(frame[1], 0xAD);
    uint8_t x = 0;
    for (int i = 2; i < ALEX_FRAME_SIZE; i++)
        x ^= frame[i];
    CU_ASSERT_EQUAL(x, 0); /* packet bytes XOR checksum = 0 */
}

/* Feed a stream to a framer in pieces of `step` bytes; count packets. */
static int count_packets(const uint8_t *stream, size_t len, size_t step,
                         alex_framer *f, alex_packet *last)
{
    int found = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t n = len - pos < step ? len - pos : step;
        size_t used;
        while (n > 0) {
            if (alex_framer_feed(f, stream + pos, n, &used, last))
                found++;
            pos += used;
            n -= used;
        }
    }
    return found;
}

static void test_framer_resynchronises(void)
{
    alex_packet p = sample_packet(), got;
    uint8_t stream[4 * ALEX_FRAME_SIZE + 64];
    size_t len = 0;
    const uint8_t garbage[] = {0x00, 0xDE, 0x17, 0xDE, 0xDE, 0xAD, 0x55};

    memcpy(stream + len, garbage, sizeof garbage);
    len += sizeof garbage;
    alex_frame_encode(&p, stream + len);
    len += ALEX_FRAME_SIZE;
    /* a frame with one corrupted byte, then a good one */
    alex_frame_encode(&p, stream + len);
    stream[len + 50] ^= 0x40;
    len += ALEX_FRAME_SIZE;
    p.params[0] = 77;
    alex_frame_encode(&p, stream + len);
    len += ALEX_FRAME_SIZE;

    for (size_t step = 1; step <= ALEX_FRAME_SIZE + 10; step += 7) {
        alex_framer f;
        alex_framer_init(&f);
        CU_ASSERT_EQUAL(count_packets(stream, len, step, &f, &got), 2);
        CU_ASSERT_EQUAL(got.params[0], 77u);
        CU_ASSERT_EQUAL(f.bad_frames, 2u); /* the garbage's DE AD, the corrupt one */
    }
}

static void test_message_round_trip(void)
{
    alex_message m = {0}, back;
    uint8_t wire[ALEX_MSG_MAX_WIRE];
    size_t len;

    m.kind = ALEX_MSG_COMMAND;
    m.key = 'f';
    m.p1 = 50;
    m.p2 = 75;
    CU_ASSERT_EQUAL(alex_message_encode(&m, wire, sizeof wire, &len), SEE_OK);
    ASSERT_HEX_EQ(wire, len, "000a0366000000320000004b");
    CU_ASSERT_EQUAL(len, 12u);
    CU_ASSERT_EQUAL(alex_message_decode(wire, len, &back), SEE_OK);
    CU_ASSERT_EQUAL(back.key, 'f');
    CU_ASSERT_EQUAL(back.p1, 50);
    CU_ASSERT_EQUAL(back.p2, 75);
    /* every truncation and one extra byte fail */
    for (size_t n = 0; n < len; n++)
        CU_ASSERT_NOT_EQUAL(alex_message_decode(wire, n, &back), SEE_OK);
    wire[len] = 0;
    CU_ASSERT_NOT_EQUAL(alex_message_decode(wire, len + 1, &back), SEE_OK);

    m.kind = ALEX_MSG_STATUS;
    for (int i = 0; i < ALEX_PARAM_COUNT; i++)
        m.params[i] = (uint32_t)(i * 1000 + 7);
    CU_ASSERT_EQUAL(alex_message_encode(&m, wire, sizeof wire, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, 2u + 1u + 64u);
    CU_ASSERT_EQUAL(alex_message_decode(wire, len, &back), SEE_OK);
    CU_ASSERT_EQUAL(back.params[15], 15007u);

    m.kind = ALEX_MSG_ERROR;
    m.code = ALEX_ERR_BUSY;
    strcpy(m.text, "busy: another controller is connected");
    CU_ASSERT_EQUAL(alex_message_encode(&m, wire, sizeof wire, &len), SEE_OK);
    CU_ASSERT_EQUAL(alex_message_decode(wire, len, &back), SEE_OK);
    CU_ASSERT_EQUAL(back.code, ALEX_ERR_BUSY);
    CU_ASSERT_STRING_EQUAL(back.text, m.text);

    m.kind = 9; /* unknown kind */
    CU_ASSERT_EQUAL(alex_message_encode(&m, wire, sizeof wire, &len), SEE_ERR_ARGUMENT);
    const uint8_t unknown[] = {0x00, 0x01, 0x09};
    CU_ASSERT_EQUAL(alex_message_decode(unknown, sizeof unknown, &back), SEE_ERR_UNSUPPORTED);
}

static void test_message_reader_any_split(void)
{
    /* Three messages glued together, delivered in every piece size. */
    uint8_t stream[3 * ALEX_MSG_MAX_WIRE];
    size_t len = 0, n;
    alex_message m = {0};
    m.kind = ALEX_MSG_HEARTBEAT;
    alex_message_encode(&m, stream + len, sizeof stream - len, &n);
    len += n;
    m.kind = ALEX_MSG_COMMAND;
    m.key = 'l';
    m.p1 = 90;
    m.p2 = 60;
    alex_message_encode(&m, stream + len, sizeof stream - len, &n);
    len += n;
    m.kind = ALEX_MSG_MESSAGE;
    strcpy(m.text, "hello from Alex");
    alex_message_encode(&m, stream + len, sizeof stream - len, &n);
    len += n;

    for (size_t step = 1; step <= len; step++) {
        alex_message_reader r;
        alex_message got[3];
        int count = 0;
        see_status st;
        alex_message_reader_init(&r);
        for (size_t pos = 0; pos < len;) {
            size_t piece = len - pos < step ? len - pos : step, used;
            while (piece > 0) {
                int whole;
                st = alex_message_reader_feed(&r, stream + pos, piece, &used,
                                              &got[count < 2 ? count : 2], &whole);
                if (whole)
                    count++;
                CU_ASSERT_EQUAL(st, SEE_OK);
                pos += used;
                piece -= used;
            }
        }
        CU_ASSERT_EQUAL(count, 3);
        CU_ASSERT_EQUAL(got[0].kind, ALEX_MSG_HEARTBEAT);
        CU_ASSERT_EQUAL(got[1].key, 'l');
        CU_ASSERT_STRING_EQUAL(got[2].text, "hello from Alex");
    }

    /* a zero or oversized length prefix poisons the stream */
    alex_message_reader r;
    alex_message got;
    see_status st;
    size_t used;
    int whole;
    const uint8_t zero[] = {0x00, 0x00, 0x04};
    alex_message_reader_init(&r);
    st = alex_message_reader_feed(&r, zero, sizeof zero, &used, &got, &whole);
    CU_ASSERT_EQUAL(whole, 0);
    CU_ASSERT_NOT_EQUAL(st, SEE_OK);
    const uint8_t huge[] = {0xff, 0xff, 0x03};
    alex_message_reader_init(&r);
    st = alex_message_reader_feed(&r, huge, sizeof huge, &used, &got, &whole);
    CU_ASSERT_EQUAL(whole, 0);
    CU_ASSERT_NOT_EQUAL(st, SEE_OK);
}

static uint8_t command_code(char key, int32_t p1, int32_t p2, alex_packet *p)
{
    alex_message m = {0};
    m.kind = ALEX_MSG_COMMAND;
    m.key = key;
    m.p1 = p1;
    m.p2 = p2;
    return alex_command_to_packet(&m, p);
}

static void test_command_validation(void)
{
    alex_packet p;
    CU_ASSERT_EQUAL(command_code('f', 50, 75, &p), ALEX_ERR_OK);
    CU_ASSERT_EQUAL(p.command, ALEX_CMD_FORWARD);
    CU_ASSERT_EQUAL(p.params[0], 50u);
    CU_ASSERT_EQUAL(p.params[1], 75u);
    CU_ASSERT_EQUAL(command_code('r', 360, 100, &p), ALEX_ERR_OK);
    CU_ASSERT_EQUAL(p.command, ALEX_CMD_TURN_RIGHT);
    CU_ASSERT_EQUAL(command_code('b', 0, 0, &p), ALEX_ERR_OK);
    CU_ASSERT_EQUAL(command_code('s', 0, 0, &p), ALEX_ERR_OK);
    CU_ASSERT_EQUAL(p.command, ALEX_CMD_STOP);
    CU_ASSERT_EQUAL(command_code('g', 0, 0, &p), ALEX_ERR_OK);
    CU_ASSERT_EQUAL(command_code('c', 0, 0, &p), ALEX_ERR_OK);

    CU_ASSERT_EQUAL(command_code('x', 1, 1, &p), ALEX_ERR_BAD_COMMAND);
    CU_ASSERT_EQUAL(command_code('q', 1, 1, &p), ALEX_ERR_BAD_COMMAND);
    CU_ASSERT_EQUAL(command_code('f', -1, 50, &p), ALEX_ERR_BAD_PARAM);
    CU_ASSERT_EQUAL(command_code('f', 1001, 50, &p), ALEX_ERR_BAD_PARAM);
    CU_ASSERT_EQUAL(command_code('f', 10, 101, &p), ALEX_ERR_BAD_PARAM);
    CU_ASSERT_EQUAL(command_code('l', 361, 50, &p), ALEX_ERR_BAD_PARAM);
    CU_ASSERT_EQUAL(command_code('r', 90, -5, &p), ALEX_ERR_BAD_PARAM);
}

static void test_sim_drives_and_counts(void)
{
    alex_sim sim;
    alex_packet cmd, reply;
    alex_sim_init(&sim);

    command_code('f', 50, 75, &cmd);
    alex_sim_handle(&sim, &cmd, &reply);
    CU_ASSERT_EQUAL(reply.packet_type, ALEX_PACKET_RESPONSE);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_OK);
    CU_ASSERT_EQUAL(sim.motion, ALEX_FORWARD);

    /* 75% power = 30 cm/s: after 1 s it has gone 30 cm, after 2 s it has
     * stopped at 50 cm. */
    alex_sim_advance(&sim, 1.0);
    CU_ASSERT_EQUAL(sim.motion, ALEX_FORWARD);
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_FORWARD_DISTANCE], 30u);
    alex_sim_advance(&sim, 1.0);
    CU_ASSERT_EQUAL(sim.motion, ALEX_STOPPED);
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_FORWARD_DISTANCE], 50u);
    /* 50 cm of a 20.4 cm wheel with 192 ticks a turn: 470.588... ticks */
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_LEFT_FORWARD_TICKS], 470u);

    command_code('l', 90, 100, &cmd);
    alex_sim_handle(&sim, &cmd, &reply);
    alex_sim_advance(&sim, 10.0);
    CU_ASSERT_EQUAL(sim.motion, ALEX_STOPPED);
    /* 90 degrees: pi * 11 / 4 = 8.639 cm of wheel travel = 81 ticks */
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_LEFT_REVERSE_TICKS_TURNS], 81u);
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_RIGHT_FORWARD_TICKS_TURNS], 81u);

    command_code('g', 0, 0, &cmd);
    alex_sim_handle(&sim, &cmd, &reply);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_STATUS);
    CU_ASSERT_EQUAL(reply.params[ALEX_STAT_FORWARD_DISTANCE], 50u);

    /* "keep going" until STOP */
    command_code('b', 0, 50, &cmd);
    alex_sim_handle(&sim, &cmd, &reply);
    alex_sim_advance(&sim, 100.0);
    CU_ASSERT_EQUAL(sim.motion, ALEX_REVERSE);
    command_code('s', 0, 0, &cmd);
    alex_sim_handle(&sim, &cmd, &reply);
    CU_ASSERT_EQUAL(sim.motion, ALEX_STOPPED);
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_REVERSE_DISTANCE], 2000u);

    command_code('c', 0, 0, &cmd);
    alex_sim_handle(&sim, &cmd, &reply);
    CU_ASSERT_EQUAL(sim.stats[ALEX_STAT_LEFT_FORWARD_TICKS], 0u);

    memset(&cmd, 0, sizeof cmd);
    cmd.packet_type = ALEX_PACKET_COMMAND;
    cmd.command = 99;
    alex_sim_handle(&sim, &cmd, &reply);
    CU_ASSERT_EQUAL(reply.packet_type, ALEX_PACKET_ERROR);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_BAD_COMMAND);
    cmd.packet_type = 42;
    alex_sim_handle(&sim, &cmd, &reply);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_BAD_PACKET);
}

/* Log one event to a console of its own and return the line it printed
 * (without its time), or "" if it printed none. */
static const char *console_line(int quiet, const char *event, const char *k1,
                                const char *v1, const char *k2, const char *v2)
{
    static char line[1200];
    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    alex_events_console(f, quiet);
    alex_event(event, EV_STR(k1, v1), EV_STR(k2, v2), EV_END);
    alex_events_console(NULL, 0);
    rewind(f);
    line[0] = '\0';
    if (fgets(line, sizeof line, f) != NULL) {
        /* "HH:MM:SS " first */
        CU_ASSERT(strlen(line) > 9 && line[2] == ':' && line[5] == ':' && line[8] == ' ');
        memmove(line, line + 9, strlen(line + 9) + 1);
    }
    CU_ASSERT(fgetc(f) == EOF); /* one line at most */
    fclose(f);
    return line;
}

static void test_console_lines(void)
{
    CU_ASSERT_STRING_EQUAL(console_line(0, "link_lost", "peer", "CN=laptop", "reason", "gone"),
                           "controller CN=laptop disconnected: gone\n");
    CU_ASSERT_STRING_EQUAL(console_line(0, "refused", "peer", "10.0.0.9:4000", "reason",
                                        "TLS handshake: x"),
                           "refused 10.0.0.9:4000: TLS handshake: x\n");
    CU_ASSERT_STRING_EQUAL(console_line(0, "stopped", "reason", "fail-safe: controller disconnected",
                                        "result", "ok"),
                           "fail-safe: controller disconnected: motors stopped\n");
    CU_ASSERT_STRING_EQUAL(console_line(0, "stopped", "reason", "server shutting down",
                                        "result", "robot not connected"),
                           "server shutting down: motors NOT stopped: robot not connected\n");
    /* frequent events have no line */
    CU_ASSERT_STRING_EQUAL(console_line(0, "command", "key", "f", "x", "y"), "");
    CU_ASSERT_STRING_EQUAL(console_line(0, "motors", "state", "forward", "why", "command"), "");

    /* what came from the network cannot drive the terminal: ESC, BEL and
     * the C1 CSI (U+009B in UTF-8) escaped; other UTF-8 kept */
    CU_ASSERT_STRING_EQUAL(console_line(0, "link_lost", "peer", "CN=Zo\xc3\xab\x1b[2J",
                                        "reason", "a\x07" "b\xc2\x9b" "31mc\x7f"),
                           "controller CN=Zo\xc3\xab\\x1b[2J disconnected: "
                           "a\\x07b\\u009b31mc\\x7f\n");

    /* quiet: only warnings (a controller over plaintext) */
    CU_ASSERT_STRING_EQUAL(console_line(1, "link_lost", "peer", "CN=laptop", "reason", "gone"), "");
    CU_ASSERT_STRING_EQUAL(console_line(1, "connected", "address", "10.0.0.9:4000",
                                        "link", "plaintext"),
                           "WARNING: controller 10.0.0.9:4000 connected over plaintext: "
                           "anyone on the network can read its commands and drive the robot\n");
}

static CU_TestInfo tests[] = {
    {"packet layout matches the firmware's TPacket", test_packet_layout},
    {"frame checksum", test_frame_checksum},
    {"framer resynchronises after garbage, any split", test_framer_resynchronises},
    {"messages round-trip; truncations fail", test_message_round_trip},
    {"message reader: any split of glued messages", test_message_reader_any_split},
    {"command validation", test_command_validation},
    {"simulated Alex drives and counts", test_sim_drives_and_counts},
    {"the server's console: one line per event, escaped, quiet", test_console_lines},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("alex", tests);
}
