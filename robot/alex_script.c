/* alex_script.c: script steps, prompt lines, and a move's end (see
 * alex_script.h). */
#include "robot/alex_script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "robot/alex_message.h"

#define MAX_WORDS 5
#define MAX_STEP_LEN 200

int alex_step_is_move(char key)
{
    return key == 'f' || key == 'b' || key == 'l' || key == 'r';
}

/* "distance 5000 is out of range 0-1000 (cm; 0 = until stopped)" */
static alex_step_result out_of_range(const char *what, const char *value, long max,
                                     const char *unit, char *why, size_t why_len)
{
    snprintf(why, why_len, "%s %s is out of range 0-%ld (%s)", what, value, max, unit);
    return ALEX_STEP_OUT_OF_RANGE;
}

/* The first number of a move: a distance for f and b, an angle for l, r. */
static const char *amount_name(char key)
{
    return key == 'f' || key == 'b' ? "distance" : "angle";
}

static long amount_max(char key)
{
    return key == 'f' || key == 'b' ? ALEX_MAX_DISTANCE_CM : ALEX_MAX_ANGLE_DEG;
}

static const char *amount_unit(char key)
{
    return key == 'f' || key == 'b' ? "cm; 0 = until stopped"
                                    : "degrees; 0 = until stopped";
}

/* One range check, with the value as written (it may not fit a long). */
static alex_step_result check_one(const char *what, const char *written, long long value,
                                  int overflowed, long max, const char *unit,
                                  char *why, size_t why_len)
{
    if (overflowed || value < 0 || value > max)
        return out_of_range(what, written, max, unit, why, why_len);
    return ALEX_STEP_OK;
}

static alex_step_result check_params_written(char key, const char *w1, long long p1,
                                             int over1, const char *w2, long long p2,
                                             int over2,
                                             char *why, size_t why_len)
{
    if (!alex_step_is_move(key))
        return ALEX_STEP_OK;
    alex_step_result r = check_one(amount_name(key), w1, p1, over1, amount_max(key),
                                   amount_unit(key), why, why_len);
    if (r != ALEX_STEP_OK)
        return r;
    return check_one("power", w2, p2, over2, ALEX_MAX_POWER_PCT, "percent", why, why_len);
}

alex_step_result alex_step_check_params(char key, long long p1, long long p2,
                                        char *why, size_t why_len)
{
    char w1[24], w2[24];
    snprintf(w1, sizeof w1, "%lld", p1);
    snprintf(w2, sizeof w2, "%lld", p2);
    return check_params_written(key, w1, p1, 0, w2, p2, 0, why, why_len);
}

/* A whole number, all of word: 1 (*overflowed when it does not fit a
 * long long), or 0 when word is not one. */
static int whole_number(const char *word, long long *value, int *overflowed)
{
    char *end;
    errno = 0;
    *value = strtoll(word, &end, 10);
    *overflowed = errno == ERANGE;
    return end != word && *end == '\0';
}

/* Split text into blank-separated words, in place. */
static int split_words(char *text, char *words[MAX_WORDS + 1])
{
    int n = 0;
    for (char *p = text; *p != '\0';) {
        while (isspace((unsigned char)*p))
            *p++ = '\0';
        if (*p == '\0')
            break;
        if (n == MAX_WORDS + 1)
            return n;
        words[n++] = p;
        while (*p != '\0' && !isspace((unsigned char)*p))
            p++;
    }
    return n;
}

static void trim_into(const char *text, char *out, size_t cap)
{
    while (isspace((unsigned char)*text))
        text++;
    size_t len = strlen(text);
    while (len > 0 && isspace((unsigned char)text[len - 1]))
        len--;
    if (len >= cap)
        len = cap - 1;
    memcpy(out, text, len);
    out[len] = '\0';
}

static alex_step_result parse_wait(char **words, int n, alex_step *step, char *why,
                                   size_t why_len)
{
    char *end;
    double seconds = n == 2 ? strtod(words[1], &end) : 0;
    if (n != 2 || end == words[1] || *end != '\0') {
        snprintf(why, why_len, "wait needs a number of seconds: wait 2.5");
        return ALEX_STEP_SYNTAX;
    }
    if (!(seconds >= 0 && seconds <= ALEX_MAX_WAIT_MS / 1000)) {
        snprintf(why, why_len, "wait %s is out of range 0-%ld (seconds)", words[1],
                 ALEX_MAX_WAIT_MS / 1000);
        return ALEX_STEP_OUT_OF_RANGE;
    }
    step->kind = ALEX_STEP_WAIT;
    step->wait_ms = (long)(seconds * 1000 + 0.5);
    return ALEX_STEP_OK;
}

static alex_step_result parse_move_params(char **words, int n, int mode, alex_step *step,
                                          char *why, size_t why_len)
{
    char key = step->key;
    if (n == 1 && mode == ALEX_STEP_PARAMS_LATER && !step->no_wait)
        return ALEX_STEP_OK; /* the prompt asks for them */
    if (n != 3) {
        snprintf(why, why_len, "%c needs %s and a power: %s", key,
                 key == 'f' || key == 'b' ? "a distance" : "an angle",
                 key == 'f' ? "f 50 75" : key == 'b' ? "b 50 75"
                            : key == 'l' ? "l 90 60" : "r 90 60");
        return ALEX_STEP_SYNTAX;
    }
    long long p1, p2;
    int over1, over2;
    for (int i = 1; i <= 2; i++) {
        if (!whole_number(words[i], i == 1 ? &p1 : &p2, i == 1 ? &over1 : &over2)) {
            snprintf(why, why_len, "%s '%s' is not a whole number",
                     i == 1 ? amount_name(key) : "power", words[i]);
            return ALEX_STEP_SYNTAX;
        }
    }
    alex_step_result r = check_params_written(key, words[1], p1, over1, words[2], p2,
                                              over2, why, why_len);
    if (r != ALEX_STEP_OK)
        return r;
    step->has_params = 1;
    step->p1 = (int32_t)p1;
    step->p2 = (int32_t)p2;
    return ALEX_STEP_OK;
}

/* A team's own command: a letter with no numbers, or with two. */
static alex_step_result parse_other_params(char **words, int n, alex_step *step,
                                           char *why, size_t why_len)
{
    if (n == 1)
        return ALEX_STEP_OK;
    long long p[2];
    int over[2];
    if (n != 3 || !whole_number(words[1], &p[0], &over[0]) ||
        !whole_number(words[2], &p[1], &over[1])) {
        snprintf(why, why_len, "%c takes no numbers or two whole numbers", step->key);
        return ALEX_STEP_SYNTAX;
    }
    for (int i = 0; i < 2; i++)
        if (over[i] || p[i] < INT32_MIN || p[i] > INT32_MAX) {
            snprintf(why, why_len, "%s is out of range %ld-%ld", words[i + 1],
                     (long)INT32_MIN, (long)INT32_MAX);
            return ALEX_STEP_OUT_OF_RANGE;
        }
    step->has_params = 1;
    step->p1 = (int32_t)p[0];
    step->p2 = (int32_t)p[1];
    return ALEX_STEP_OK;
}

alex_step_result alex_step_parse(const char *text, int mode, alex_step *step,
                                 char *why, size_t why_len)
{
    memset(step, 0, sizeof *step);
    why[0] = '\0';
    char copy[MAX_STEP_LEN + 1];
    trim_into(text, step->text, sizeof step->text);
    if (strlen(text) > MAX_STEP_LEN) {
        snprintf(why, why_len, "a step of more than %d characters", MAX_STEP_LEN);
        return ALEX_STEP_SYNTAX;
    }
    trim_into(text, copy, sizeof copy);
    size_t len = strlen(copy);
    if (len > 0 && copy[len - 1] == '&') { /* "f 50 75 &" or "f 50 75&" */
        step->no_wait = 1;
        copy[len - 1] = '\0';
    }
    char *words[MAX_WORDS + 1];
    int n = split_words(copy, words);
    if (n == 0) {
        snprintf(why, why_len, step->no_wait ? "'&' after nothing" : "an empty step");
        return ALEX_STEP_SYNTAX;
    }
    if (n > MAX_WORDS) {
        snprintf(why, why_len, "too many words");
        return ALEX_STEP_SYNTAX;
    }
    if (step->no_wait && (strlen(words[0]) != 1 || !alex_step_is_move(words[0][0]))) {
        snprintf(why, why_len, "only a move (f, b, l, r) can end in '&'");
        return ALEX_STEP_SYNTAX;
    }
    if (strcmp(words[0], "wait") == 0)
        return parse_wait(words, n, step, why, why_len);
    if (strlen(words[0]) != 1 || !isgraph((unsigned char)words[0][0])) {
        snprintf(why, why_len, "unknown step '%s' (f, b, l, r, s, c, g, wait, q, "
                 "or a letter of your own)", words[0]);
        return ALEX_STEP_SYNTAX;
    }
    step->kind = ALEX_STEP_COMMAND;
    step->key = words[0][0];
    if (step->key == 'q' || strchr("scg", step->key) != NULL) {
        if (n != 1) {
            snprintf(why, why_len, "%c takes no numbers", step->key);
            return ALEX_STEP_SYNTAX;
        }
        if (step->key == 'q')
            step->kind = ALEX_STEP_QUIT;
        return ALEX_STEP_OK;
    }
    if (alex_step_is_move(step->key))
        return parse_move_params(words, n, mode, step, why, why_len);
    return parse_other_params(words, n, step, why, why_len);
}

void alex_script_begin(alex_script_cursor *c, const char *script)
{
    c->next = script;
    c->number = 0;
}

static int blank(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)p[i]))
            return 0;
    return 1;
}

int alex_script_next(alex_script_cursor *c, alex_step *step,
                     alex_step_result *result, char *why, size_t why_len)
{
    for (;;) {
        if (c->next == NULL || *c->next == '\0')
            return 0;
        size_t len = strcspn(c->next, ";\n");
        const char *piece = c->next;
        c->next += len + (c->next[len] != '\0');
        if (blank(piece, len))
            continue;
        c->number++;
        char text[MAX_STEP_LEN + 2];
        size_t keep = len < sizeof text - 1 ? len : sizeof text - 1;
        memcpy(text, piece, keep);
        text[keep] = '\0';
        char reason[200];
        *result = alex_step_parse(text, ALEX_STEP_SCRIPT, step, reason, sizeof reason);
        if (*result != ALEX_STEP_OK)
            snprintf(why, why_len, "step %d '%s': %s", c->number, step->text, reason);
        return 1;
    }
}

alex_step_result alex_script_check(const char *script, char *why, size_t why_len)
{
    alex_script_cursor c;
    alex_step step;
    alex_step_result r;
    alex_script_begin(&c, script);
    int steps = 0;
    while (alex_script_next(&c, &step, &r, why, why_len)) {
        if (r != ALEX_STEP_OK)
            return r;
        steps++;
    }
    if (steps == 0) {
        snprintf(why, why_len, "the script has no step");
        return ALEX_STEP_SYNTAX;
    }
    return ALEX_STEP_OK;
}

/* ------------------------------------------------------- a move's end --- */

void alex_move_watch_start(alex_move_watch *w, char key, int32_t amount,
                           const uint32_t before[ALEX_PARAM_COUNT], long long now_ms)
{
    w->key = key;
    w->amount = amount;
    memcpy(w->before, before, sizeof w->before);
    memcpy(w->last, before, sizeof w->last);
    w->started_ms = w->changed_ms = now_ms;
    w->moved = 0;
}

/* Forward and reverse moves count centimetres: the distance asked is
 * reached when the counter has grown by it (a counter cleared meanwhile
 * says nothing). */
static int distance_reached(const alex_move_watch *w, const uint32_t *status)
{
    int counter = w->key == 'f' ? ALEX_STAT_FORWARD_DISTANCE
                : w->key == 'b' ? ALEX_STAT_REVERSE_DISTANCE : -1;
    if (counter < 0 || status[counter] < w->before[counter])
        return 0;
    return status[counter] - w->before[counter] >= (uint32_t)w->amount;
}

alex_move_state alex_move_watch_status(alex_move_watch *w,
                                       const uint32_t status[ALEX_PARAM_COUNT],
                                       long long now_ms)
{
    size_t counters = sizeof w->last;
    if (memcmp(w->last, status, counters) != 0) {
        memcpy(w->last, status, counters);
        w->changed_ms = now_ms;
    }
    if (memcmp(w->before, status, counters) != 0)
        w->moved = 1;
    if (distance_reached(w, status))
        return ALEX_MOVE_DONE;
    if (w->moved && now_ms - w->changed_ms >= ALEX_MOVE_STILL_MS)
        return ALEX_MOVE_DONE;
    if (!w->moved && now_ms - w->started_ms >= ALEX_MOVE_START_MS)
        return ALEX_MOVE_DID_NOT_MOVE;
    return ALEX_MOVE_GOING;
}
