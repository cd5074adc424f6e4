/* fuzz_alex_web.c: the web console's command reader must take any message
 * a page sends without crashing or reading past it, and let through only
 * commands whose values are in range; the JSON written from any text must
 * be a valid WebSocket text message with no raw control character. */
#include <stdlib.h>
#include <string.h>

#include "codec/utf8.h"
#include "robot/alex_web_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_command(const alex_web_command *c)
{
    int32_t max = c->key == 'l' || c->key == 'r' ? ALEX_MAX_ANGLE_DEG : ALEX_MAX_DISTANCE_CM;
    if (c->power < 0 || c->power > ALEX_MAX_POWER_PCT)
        abort();
    if (c->verb == ALEX_WEB_MOVE && (c->amount < 1 || c->amount > max))
        abort();
    if (c->verb == ALEX_WEB_PAIR && strlen(c->code) >= sizeof c->code)
        abort();
    alex_message m;
    alex_packet p;
    if (c->verb != ALEX_WEB_PAIR && c->verb != ALEX_WEB_HEARTBEAT &&
        c->verb != ALEX_WEB_RELEASE) {
        alex_web_command_message(c, &m);
        if (alex_command_to_packet(&m, &p) != ALEX_ERR_OK)
            abort();
    }
}

static void check_json(const char *out, size_t len)
{
    if (!utf8_valid((const uint8_t *)out, len))
        abort();
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)out[i] < 0x20)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* exactly size bytes, so that a read past them is caught */
    uint8_t *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    alex_web_command c;
    char why[160];
    if (alex_web_parse_command(copy, size, &c, why, sizeof why) == SEE_OK)
        check_command(&c);
    alex_pairing_matches("123456", (const char *)copy, size);
    free(copy);

    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char out[2048];
    size_t len;
    if (alex_web_error_json(text, out, sizeof out, &len) == SEE_OK)
        check_json(out, len);
    alex_web_status s = {.doing = text, .control = "other", .controller = text};
    if (alex_web_status_json(&s, out, sizeof out, &len) == SEE_OK)
        check_json(out, len);
    free(text);
    return 0;
}
