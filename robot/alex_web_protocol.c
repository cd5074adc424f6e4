/* alex_web_protocol.c: the web console's messages (alex_web_protocol.h). */
#include "robot/alex_web_protocol.h"

#include <stdio.h>
#include <string.h>

#include "codec/json.h"
#include "core/bytes.h"
#include "core/util.h"

/* ------------------------------------------------------- commands --- */

#define MAX_WORDS 4

typedef struct {
    const char *ptr;
    size_t len;
} word;

static int word_is(word w, const char *text)
{
    return w.len == strlen(text) && memcmp(w.ptr, text, w.len) == 0;
}

/* Split at single spaces; 0 when there are too many words or an empty one
 * (two spaces, a space at either end). */
static int split_words(const uint8_t *text, size_t len, word *words, size_t *count)
{
    *count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != ' ')
            continue;
        if (i == start || *count == MAX_WORDS)
            return 0;
        words[*count].ptr = (const char *)text + start;
        words[*count].len = i - start;
        (*count)++;
        start = i + 1;
    }
    return 1;
}

/* A decimal number within 0..max (at most 9 digits, so no overflow). */
static int number_in(word w, int32_t max, int32_t *out)
{
    if (w.len == 0 || w.len > 9)
        return 0;
    int32_t v = 0;
    for (size_t i = 0; i < w.len; i++) {
        if (w.ptr[i] < '0' || w.ptr[i] > '9')
            return 0;
        v = v * 10 + (w.ptr[i] - '0');
    }
    if (v > max)
        return 0;
    *out = v;
    return 1;
}

/* A word quoted in why: at most 20 bytes, anything not printable ASCII
 * as '?', so that what a page sends cannot forge a log line. */
static void quote_word(word w, char *out, size_t cap)
{
    char tmp[24];
    size_t n = w.len < 20 ? w.len : 20;
    for (size_t i = 0; i < n; i++)
        tmp[i] = (w.ptr[i] >= 0x20 && w.ptr[i] < 0x7f) ? w.ptr[i] : '?';
    tmp[n] = '\0';
    snprintf(out, cap, "%s%s", tmp, w.len > 20 ? "..." : "");
}

static int direction_key(word w, char *key)
{
    static const struct { const char *name; char key; } dirs[] = {
        {"forward", 'f'}, {"reverse", 'b'}, {"left", 'l'}, {"right", 'r'},
    };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (word_is(w, dirs[i].name)) {
            *key = dirs[i].key;
            return 1;
        }
    return 0;
}

static see_status refuse(char *why, size_t why_len, const char *text, word w)
{
    char quoted[32];
    quote_word(w, quoted, sizeof quoted);
    snprintf(why, why_len, "%s '%s'", text, quoted);
    return ALEX_STATUS_WEB_COMMAND;
}

static see_status parse_power(word w, alex_web_command *out, char *why, size_t why_len)
{
    if (!number_in(w, ALEX_MAX_POWER_PCT, &out->power))
        return refuse(why, why_len, "power must be 0-100, not", w);
    return SEE_OK;
}

/* move DIR AMOUNT POWER: a distance of 0 would mean "until told to stop",
 * which is go's; a measured move is 1 and up. */
static see_status parse_move(const word *words, alex_web_command *out, char *why,
                             size_t why_len)
{
    int turn = out->key == 'l' || out->key == 'r';
    int32_t max = turn ? ALEX_MAX_ANGLE_DEG : ALEX_MAX_DISTANCE_CM;
    if (!number_in(words[2], max, &out->amount) || out->amount == 0)
        return refuse(why, why_len,
                      turn ? "the angle must be 1-360 degrees, not"
                           : "the distance must be 1-1000 cm, not",
                      words[2]);
    return parse_power(words[3], out, why, why_len);
}

/* The words each verb takes, itself included. */
static const struct {
    const char *name;
    alex_web_verb verb;
    size_t words;
} verbs[] = {
    {"pair", ALEX_WEB_PAIR, 2},   {"go", ALEX_WEB_GO, 3},
    {"move", ALEX_WEB_MOVE, 4},   {"stop", ALEX_WEB_STOP, 1},
    {"hb", ALEX_WEB_HEARTBEAT, 1}, {"clear", ALEX_WEB_CLEAR, 1},
    {"release", ALEX_WEB_RELEASE, 1},
};

see_status alex_web_parse_command(const uint8_t *text, size_t len, alex_web_command *out,
                                  char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    word words[MAX_WORDS];
    size_t count;
    if (len == 0 || !split_words(text, len, words, &count)) {
        snprintf(why, why_len, "a command is words separated by single spaces "
                               "(at most %d)", MAX_WORDS);
        return ALEX_STATUS_WEB_COMMAND;
    }
    size_t v = 0;
    while (v < sizeof verbs / sizeof verbs[0] && !word_is(words[0], verbs[v].name))
        v++;
    if (v == sizeof verbs / sizeof verbs[0])
        return refuse(why, why_len, "unknown command", words[0]);
    if (count != verbs[v].words) {
        snprintf(why, why_len, "%s takes %u word%s after it", verbs[v].name,
                 (unsigned)(verbs[v].words - 1), verbs[v].words == 2 ? "" : "s");
        return ALEX_STATUS_WEB_COMMAND;
    }
    out->verb = verbs[v].verb;
    if (out->verb == ALEX_WEB_PAIR) {
        if (words[1].len >= sizeof out->code)
            return refuse(why, why_len, "not a pairing code:", words[1]);
        memcpy(out->code, words[1].ptr, words[1].len);
        return SEE_OK;
    }
    if (out->verb != ALEX_WEB_GO && out->verb != ALEX_WEB_MOVE)
        return SEE_OK;
    if (!direction_key(words[1], &out->key))
        return refuse(why, why_len, "the direction must be forward, reverse, left or right, "
                                    "not", words[1]);
    if (out->verb == ALEX_WEB_GO)
        return parse_power(words[2], out, why, why_len);
    return parse_move(words, out, why, why_len);
}

void alex_web_command_message(const alex_web_command *c, alex_message *m)
{
    memset(m, 0, sizeof *m);
    m->kind = ALEX_MSG_COMMAND;
    switch (c->verb) {
    case ALEX_WEB_GO:    m->key = c->key; m->p1 = 0; m->p2 = c->power; break;
    case ALEX_WEB_MOVE:  m->key = c->key; m->p1 = c->amount; m->p2 = c->power; break;
    case ALEX_WEB_CLEAR: m->key = 'c'; break;
    default:             m->key = 's'; break;
    }
}

/* --------------------------------------------------- pairing code --- */

see_status alex_pairing_new(see_rng *rng, char code[ALEX_PAIRING_DIGITS + 1])
{
    /* 4294000000 = 4294 * 10^6: below it, value mod 10^6 is uniform. */
    const uint32_t limit = 4294000000u;
    uint32_t value;
    do {
        uint8_t b[4];
        reader r;
        TRY(rng_bytes(rng, b, sizeof b));
        reader_init(&r, b, sizeof b);
        TRY(reader_u32(&r, &value));
        see_wipe(b, sizeof b);
    } while (value >= limit);
    value %= 1000000u;
    for (int i = ALEX_PAIRING_DIGITS - 1; i >= 0; i--) {
        code[i] = (char)('0' + value % 10);
        value /= 10;
    }
    code[ALEX_PAIRING_DIGITS] = '\0';
    return SEE_OK;
}

int alex_pairing_matches(const char *code, const char *given, size_t given_len)
{
    if (given_len != ALEX_PAIRING_DIGITS || strlen(code) != ALEX_PAIRING_DIGITS)
        return 0;
    return see_ct_equal(code, given, ALEX_PAIRING_DIGITS);
}

void alex_pairing_guard_init(alex_pairing_guard *g)
{
    memset(g, 0, sizeof *g);
}

int alex_pairing_guard_allows(const alex_pairing_guard *g, long long now_ms,
                              long long *wait_ms)
{
    *wait_ms = g->locked_until_ms > now_ms ? g->locked_until_ms - now_ms : 0;
    return *wait_ms == 0;
}

int alex_pairing_guard_failed(alex_pairing_guard *g, long long now_ms)
{
    if (g->failures == 0 || now_ms - g->window_ms >= ALEX_PAIRING_WINDOW_MS) {
        g->failures = 0;
        g->window_ms = now_ms;
    }
    if (++g->failures < ALEX_PAIRING_MAX_FAILURES)
        return 0;
    g->failures = 0;
    g->locked_until_ms = now_ms + ALEX_PAIRING_LOCKOUT_MS;
    return 1;
}

/* ------------------------------------------------------------ JSON --- */

/* ,"key":"value" (or null for a NULL value); first: no comma. */
static see_status put_field(writer *w, const char *key, const char *value, int first)
{
    if (!first)
        TRY(writer_u8(w, ','));
    TRY(json_write_text(w, key));
    TRY(writer_u8(w, ':'));
    return value != NULL ? json_write_text(w, value) : writer_text(w, "null");
}

/* The closing brace and NUL; *len without the NUL. A message that does
 * not fit is SEE_ERR_BUFFER_SMALL whatever the writer said. */
static see_status finish(writer *w, see_status st, char *out, size_t *len)
{
    if (st == SEE_OK)
        st = writer_u8(w, '}');
    if (st == SEE_OK)
        st = writer_u8(w, '\0');
    if (st != SEE_OK) {
        if (w->cap > 0)
            out[0] = '\0';
        return SEE_ERR_BUFFER_SMALL;
    }
    *len = w->len - 1;
    return SEE_OK;
}

static see_status security_fields(writer *w, const alex_web_security *s)
{
    TRY(writer_text(w, "{"));
    TRY(put_field(w, "type", "security", 1));
    TRY(put_field(w, "subject", s->subject, 0));
    TRY(put_field(w, "issuer", s->issuer, 0));
    TRY(put_field(w, "not_before", s->not_before, 0));
    TRY(put_field(w, "not_after", s->not_after, 0));
    TRY(put_field(w, "suite", s->suite, 0));
    TRY(put_field(w, "key_exchange", s->key_exchange, 0));
    return put_field(w, "client", s->client, 0);
}

see_status alex_web_security_json(const alex_web_security *s, char *out, size_t cap,
                                  size_t *len)
{
    writer w;
    writer_init(&w, (uint8_t *)out, cap);
    return finish(&w, security_fields(&w, s), out, len);
}

static see_status status_fields(writer *w, const alex_web_status *s)
{
    TRY(writer_text(w, "{"));
    TRY(put_field(w, "type", "status", 1));
    TRY(put_field(w, "doing", s->doing, 0));
    TRY(writer_text(w, ",\"stats\":["));
    for (int i = 0; i < ALEX_STAT_COUNT; i++) {
        char num[16];
        snprintf(num, sizeof num, "%s%lu", i ? "," : "", (unsigned long)s->stats[i]);
        TRY(writer_text(w, num));
    }
    TRY(writer_text(w, "]"));
    TRY(put_field(w, "control", s->control, 0));
    TRY(put_field(w, "controller", s->controller, 0));
    return writer_text(w, s->may_drive ? ",\"may_drive\":true" : ",\"may_drive\":false");
}

see_status alex_web_status_json(const alex_web_status *s, char *out, size_t cap,
                                size_t *len)
{
    writer w;
    writer_init(&w, (uint8_t *)out, cap);
    return finish(&w, status_fields(&w, s), out, len);
}

static see_status error_fields(writer *w, const char *text)
{
    TRY(writer_text(w, "{"));
    TRY(put_field(w, "type", "error", 1));
    return put_field(w, "text", text, 0);
}

see_status alex_web_error_json(const char *text, char *out, size_t cap, size_t *len)
{
    writer w;
    writer_init(&w, (uint8_t *)out, cap);
    return finish(&w, error_fields(&w, text), out, len);
}

/* Days since 1970-01-01 to a date in the proleptic Gregorian calendar
 * (H. Hinnant's civil_from_days, on 400-year eras of 146097 days). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void alex_web_time_text(int64_t seconds, char *out, size_t cap)
{
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t rest = seconds - days * 86400;
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, cap, "%04lld-%02u-%02u %02u:%02u:%02u UTC", (long long)y, m, d,
             (unsigned)(rest / 3600), (unsigned)(rest / 60 % 60), (unsigned)(rest % 60));
}
