/* alex_message.c: laptop <-> Pi messages (see alex_message.h). */
#include "robot/alex_message.h"

#include <string.h>

#include "core/bytes.h"

static see_status encode_body(const alex_message *m, writer *w)
{
    switch (m->kind) {
    case ALEX_MSG_ERROR:
        TRY(writer_u8(w, m->code));
        return writer_bytes(w, m->text, strnlen(m->text, ALEX_MSG_MAX_BODY - 1));
    case ALEX_MSG_STATUS:
        for (int i = 0; i < ALEX_PARAM_COUNT; i++)
            TRY(writer_u32(w, m->params[i]));
        return SEE_OK;
    case ALEX_MSG_MESSAGE:
        return writer_bytes(w, m->text, strnlen(m->text, ALEX_DATA_SIZE));
    case ALEX_MSG_COMMAND:
        TRY(writer_u8(w, (uint8_t)m->key));
        TRY(writer_u32(w, (uint32_t)m->p1));
        return writer_u32(w, (uint32_t)m->p2);
    case ALEX_MSG_HEARTBEAT:
        return SEE_OK;
    default:
        return SEE_ERR_ARGUMENT;
    }
}

see_status alex_message_encode(const alex_message *m, uint8_t *out,
                               size_t cap, size_t *len)
{
    writer w;
    size_t mark;
    writer_init(&w, out, cap);
    TRY(writer_open_length(&w, 2, &mark));
    TRY(writer_u8(&w, m->kind));
    TRY(encode_body(m, &w));
    TRY(writer_close_length(&w, 2, mark));
    *len = w.len;
    return SEE_OK;
}

see_status alex_message_send(const alex_link *link, const alex_message *m)
{
    uint8_t wire[ALEX_MSG_MAX_WIRE];
    size_t len;
    TRY(alex_message_encode(m, wire, sizeof wire, &len));
    return link->write(link->ctx, wire, len);
}

/* Copy the rest of the reader as text, refusing control bytes. */
static see_status read_text(reader *r, char *out, size_t max)
{
    size_t n = reader_remaining(r);
    ENSURE(n <= max, SEE_ERR_TRAILING);
    TRY(reader_copy(r, (uint8_t *)out, n));
    out[n] = '\0';
    for (size_t i = 0; i < n; i++)
        ENSURE((unsigned char)out[i] >= 0x20 || out[i] == '\n', SEE_ERR_ARGUMENT);
    return SEE_OK;
}

static see_status decode_body(reader *r, alex_message *m)
{
    uint32_t v1, v2;
    switch (m->kind) {
    case ALEX_MSG_ERROR:
        TRY(reader_u8(r, &m->code));
        return read_text(r, m->text, ALEX_MSG_MAX_BODY - 1);
    case ALEX_MSG_STATUS:
        for (int i = 0; i < ALEX_PARAM_COUNT; i++)
            TRY(reader_u32(r, &m->params[i]));
        return reader_expect_end(r);
    case ALEX_MSG_MESSAGE:
        return read_text(r, m->text, ALEX_DATA_SIZE);
    case ALEX_MSG_COMMAND: {
        uint8_t key;
        TRY(reader_u8(r, &key));
        TRY(reader_u32(r, &v1));
        TRY(reader_u32(r, &v2));
        m->key = (char)key;
        m->p1 = (int32_t)v1;
        m->p2 = (int32_t)v2;
        return reader_expect_end(r);
    }
    case ALEX_MSG_HEARTBEAT:
        return reader_expect_end(r);
    default:
        return SEE_ERR_UNSUPPORTED;
    }
}

see_status alex_message_decode(const uint8_t *in, size_t len, alex_message *m)
{
    reader r, body;
    memset(m, 0, sizeof *m);
    reader_init(&r, in, len);
    TRY(reader_vector(&r, 2, &body));
    TRY(reader_expect_end(&r));
    ENSURE(reader_remaining(&body) <= 1 + ALEX_MSG_MAX_BODY, SEE_ERR_TRAILING);
    TRY(reader_u8(&body, &m->kind));
    return decode_body(&body, m);
}

static int in_range(int32_t v, int32_t max)
{
    return v >= 0 && v <= max;
}

uint8_t alex_command_to_packet(const alex_message *m, alex_packet *packet)
{
    memset(packet, 0, sizeof *packet);
    packet->packet_type = ALEX_PACKET_COMMAND;
    if (m->kind != ALEX_MSG_COMMAND)
        return ALEX_ERR_BAD_COMMAND;

    int moves = 0, turns = 0;
    switch (m->key) {
    case 'f': packet->command = ALEX_CMD_FORWARD; moves = 1; break;
    case 'b': packet->command = ALEX_CMD_REVERSE; moves = 1; break;
    case 'l': packet->command = ALEX_CMD_TURN_LEFT; turns = 1; break;
    case 'r': packet->command = ALEX_CMD_TURN_RIGHT; turns = 1; break;
    case 's': packet->command = ALEX_CMD_STOP; break;
    case 'c': packet->command = ALEX_CMD_CLEAR_STATS; break;
    case 'g': packet->command = ALEX_CMD_GET_STATS; break;
    default: return ALEX_ERR_BAD_COMMAND;
    }
    if (moves || turns) {
        int32_t limit = moves ? ALEX_MAX_DISTANCE_CM : ALEX_MAX_ANGLE_DEG;
        if (!in_range(m->p1, limit) || !in_range(m->p2, ALEX_MAX_POWER_PCT))
            return ALEX_ERR_BAD_PARAM;
        packet->params[0] = (uint32_t)m->p1;
        packet->params[1] = (uint32_t)m->p2;
    }
    return ALEX_ERR_OK;
}

void alex_message_reader_init(alex_message_reader *r)
{
    r->have = 0;
}

see_status alex_message_reader_feed(alex_message_reader *r, const uint8_t *in,
                                    size_t len, size_t *used, alex_message *m,
                                    int *whole)
{
    size_t i = 0;
    *whole = 0;
    while (i < len) {
        /* How many bytes the message in hand needs in all. */
        size_t need = 2;
        if (r->have >= 2) {
            size_t body = (size_t)r->buf[0] << 8 | r->buf[1];
            if (body == 0 || body > 1 + ALEX_MSG_MAX_BODY) {
                *used = i;
                return ALEX_STATUS_MALFORMED;
            }
            need = 2 + body;
        }
        size_t take = need - r->have;
        if (take > len - i)
            take = len - i;
        memcpy(r->buf + r->have, in + i, take);
        r->have += take;
        i += take;
        if (need > 2 && r->have == need) {
            see_status st = alex_message_decode(r->buf, r->have, m);
            r->have = 0;
            *used = i;
            *whole = st == SEE_OK;
            return st;
        }
    }
    *used = len;
    return SEE_OK;
}
