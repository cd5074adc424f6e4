/* alex_events.c: the JSON-lines event log and the console's lines
 * (see alex_events.h). */
#include "robot/alex_events.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codec/json.h"
#include "core/bytes.h"

static FILE *events_out;
static FILE *console_out;
static int console_quiet;
static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;

void alex_events_open(FILE *out)
{
    events_out = out;
}

void alex_events_console(FILE *out, int quiet)
{
    console_out = out;
    console_quiet = quiet;
}

long long alex_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One event, its details gathered from alex_event's arguments. */
typedef struct {
    const char *key;
    int type;            /* 's' or 'n' */
    const char *text;
    long long number;
} event_field;

typedef struct {
    const char *name;
    event_field fields[ALEX_EVENT_MAX_FIELDS];
    int count;
} event_record;

static const event_field *find_field(const event_record *e, const char *key)
{
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->fields[i].key, key) == 0)
            return &e->fields[i];
    return NULL;
}

/* A string detail, or "" when the event has none of that name. */
static const char *text_of(const event_record *e, const char *key)
{
    const event_field *f = find_field(e, key);
    return f != NULL && f->type == 's' ? f->text : "";
}

static long long number_of(const event_record *e, const char *key)
{
    const event_field *f = find_field(e, key);
    return f != NULL && f->type == 'n' ? f->number : 0;
}

/* ------------------------------------------------------------ JSON ---- */

/* A line of up to this many bytes is made on the stack; a longer one (a
 * long name from a certificate, say) in memory allocated for it. */
#define LINE_ON_STACK 1024
/* The most bytes of a long long written in decimal, sign included. */
#define NUMBER_MAX 20

static see_status put_number(writer *w, long long v)
{
    char digits[NUMBER_MAX + 1];
    snprintf(digits, sizeof digits, "%lld", v);
    return writer_text(w, digits);
}

/* The longest line write_line can make of e: every string at its worst
 * (JSON_STRING_MAX), every number at its longest. */
static size_t line_max(const event_record *e)
{
    size_t max = sizeof "{\"t_ms\":,\"event\":}\n" + NUMBER_MAX + JSON_STRING_MAX(strlen(e->name));
    for (int i = 0; i < e->count; i++) {
        const event_field *f = &e->fields[i];
        max += 2 + JSON_STRING_MAX(strlen(f->key));   /* the comma and colon */
        max += f->type == 'n' ? NUMBER_MAX : JSON_STRING_MAX(strlen(f->text));
    }
    return max;
}

/* ,"key":value for each of e's details. */
static see_status put_details(writer *w, const event_record *e)
{
    for (int i = 0; i < e->count; i++) {
        TRY(writer_u8(w, ','));
        TRY(json_write_text(w, e->fields[i].key));
        TRY(writer_u8(w, ':'));
        if (e->fields[i].type == 'n')
            TRY(put_number(w, e->fields[i].number));
        else
            TRY(json_write_text(w, e->fields[i].text));
    }
    return SEE_OK;
}

/* {"t_ms":...,"event":"...",...} and the newline: one JSON object
 * (RFC 8259 4), with e's details or a note that they were lost. */
static see_status write_line(writer *w, long long t_ms, const event_record *e,
                             int with_details)
{
    TRY(writer_text(w, "{\"t_ms\":"));
    TRY(put_number(w, t_ms));
    TRY(writer_text(w, ",\"event\":"));
    TRY(json_write_text(w, e->name));
    if (with_details)
        TRY(put_details(w, e));
    else
        TRY(writer_text(w, ",\"details\":\"lost: no memory for them\""));
    return writer_text(w, "}\n");
}

/* The event as one line, made whole before one fwrite (and written under
 * events_lock, so that lines from several threads never mix). Should
 * there be no memory for a long line, the event is written all the same,
 * without its details but saying so. */
static void write_json(FILE *f, long long t_ms, const event_record *e)
{
    uint8_t on_stack[LINE_ON_STACK];
    size_t cap = line_max(e);
    uint8_t *line = cap <= sizeof on_stack ? on_stack : malloc(cap);
    writer w;
    see_status st = SEE_ERR_NO_MEMORY;
    if (line != NULL) {
        writer_init(&w, line, cap);
        st = write_line(&w, t_ms, e, 1);   /* it fits: cap is its most */
    }
    if (st == SEE_OK) {
        fwrite(line, 1, w.len, f);
    } else {
        writer_init(&w, on_stack, sizeof on_stack);
        if (write_line(&w, t_ms, e, 0) == SEE_OK)
            fwrite(on_stack, 1, w.len, f);
    }
    if (line != on_stack)
        free(line);
    fflush(f);
}

/* ---------------------------------------------------- the console ---- */

/* What a describer returns: nothing to say, a line, or a warning (printed
 * even when the console is quiet). */
enum { SAY_NOTHING, SAY_LINE, SAY_WARNING };

typedef int (*describer)(const event_record *e, char *out, size_t cap);

static int say_connected(const event_record *e, char *out, size_t cap)
{
    const char *peer = text_of(e, "peer"), *address = text_of(e, "address");
    if (strcmp(text_of(e, "link"), "plaintext") == 0) {
        snprintf(out, cap, "WARNING: controller %s connected over plaintext: anyone "
                 "on the network can read its commands and drive the robot", address);
        return SAY_WARNING;
    }
    if (strcmp(peer, address) == 0)
        snprintf(out, cap, "controller %s connected", peer);
    else
        snprintf(out, cap, "controller %s (%s) connected", peer, address);
    return SAY_LINE;
}

/* Who (and from where, when that is not who), and the summary the server
 * wrote for people, else the reason. */
static int say_refused(const event_record *e, char *out, size_t cap)
{
    const char *peer = text_of(e, "peer"), *address = text_of(e, "address");
    const char *why = text_of(e, "summary");
    if (why[0] == '\0')
        why = text_of(e, "reason");
    if (address[0] != '\0' && strcmp(address, peer) != 0)
        snprintf(out, cap, "refused %s (%s): %s", peer, address, why);
    else
        snprintf(out, cap, "refused %s: %s", peer, why);
    return SAY_LINE;
}

static int say_link_lost(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "controller %s disconnected: %s", text_of(e, "peer"),
             text_of(e, "reason"));
    return SAY_LINE;
}

/* A forged record, found by the robot or by the laptop (alex_link.h). */
static int say_tampering(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "tampering detected on the link with %s: %s (changed, replayed or "
             "reordered on the way)", text_of(e, "peer"), text_of(e, "reason"));
    return SAY_LINE;
}

static int say_stopped(const event_record *e, char *out, size_t cap)
{
    const char *result = text_of(e, "result");
    if (strcmp(result, "ok") == 0)
        snprintf(out, cap, "%s: motors stopped", text_of(e, "reason"));
    else
        snprintf(out, cap, "%s: motors NOT stopped: %s", text_of(e, "reason"), result);
    return SAY_LINE;
}

static int say_invalid(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "command refused: %s", text_of(e, "reason"));
    return SAY_LINE;
}

static int say_robot_error(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "command '%s' failed: %s", text_of(e, "key"), text_of(e, "reason"));
    return SAY_LINE;
}

static int say_accept_failed(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "cannot accept connections: %s (%s)", text_of(e, "reason"),
             text_of(e, "action"));
    return SAY_LINE;
}

static int say_serial_lost(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "robot not connected: %s: %s; %s", text_of(e, "path"),
             text_of(e, "reason"), text_of(e, "action"));
    return SAY_LINE;
}

static int say_serial_retry(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "robot still not connected: %s: %s (next try in %.1f s)",
             text_of(e, "path"), text_of(e, "reason"),
             (double)number_of(e, "next_ms") / 1000.0);
    return SAY_LINE;
}

static int say_serial_connected(const event_record *e, char *out, size_t cap)
{
    snprintf(out, cap, "robot connected again on %s after %.1f s (attempt %lld)",
             text_of(e, "path"), (double)number_of(e, "down_ms") / 1000.0,
             number_of(e, "attempts"));
    return SAY_LINE;
}

/* The events a person watching the robot is told about. The others
 * (started and exit: the program's own lines say so; command, motors:
 * many a second when driving; silent: the stop that follows says it) are
 * in the events file only. */
static const struct {
    const char *name;
    describer say;
} spoken[] = {
    {"connected", say_connected},
    {"refused", say_refused},
    {"tampering", say_tampering},
    {"link_lost", say_link_lost},
    {"stopped", say_stopped},
    {"invalid", say_invalid},
    {"robot_error", say_robot_error},
    {"accept_failed", say_accept_failed},
    {"serial_lost", say_serial_lost},
    {"serial_retry", say_serial_retry},
    {"serial_connected", say_serial_connected},
};

/* Print a line on a terminal, escaping what could drive it: C0 controls
 * and DEL as \xNN, and the C1 controls (U+0080..U+009F, which some
 * terminals obey in UTF-8 too) as \u00NN. Other UTF-8 passes unchanged,
 * so a certificate's name keeps its accents. */
static void put_printable(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            fprintf(f, "\\x%02x", *p);
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fprintf(f, "\\u%04x", p[1]);
            p++;
        } else {
            fputc(*p, f);
        }
    }
}

static void write_console(FILE *f, const event_record *e)
{
    for (size_t i = 0; i < sizeof spoken / sizeof spoken[0]; i++) {
        if (strcmp(spoken[i].name, e->name) != 0)
            continue;
        char line[1024];
        int said = spoken[i].say(e, line, sizeof line);
        if (said == SAY_NOTHING || (said == SAY_LINE && console_quiet))
            return;
        char clock[16] = "";
        time_t now = time(NULL);
        struct tm local;
        if (localtime_r(&now, &local) != NULL)
            strftime(clock, sizeof clock, "%H:%M:%S", &local);
        fprintf(f, "%s ", clock);
        put_printable(f, line);
        fputc('\n', f);
        fflush(f);
        return;
    }
}

void alex_event(const char *event, ...)
{
    if (events_out == NULL && console_out == NULL)
        return;
    event_record e;
    e.name = event;
    e.count = 0;
    va_list ap;
    va_start(ap, event);
    int type;
    while ((type = va_arg(ap, int)) != 0) {
        event_field f = {va_arg(ap, const char *), type, "", 0};
        if (type == 'n')
            f.number = va_arg(ap, long long);
        else
            f.text = va_arg(ap, const char *);
        if (e.count < ALEX_EVENT_MAX_FIELDS)
            e.fields[e.count++] = f;
    }
    va_end(ap);

    pthread_mutex_lock(&events_lock);
    if (events_out != NULL)
        write_json(events_out, alex_now_ms(), &e);
    if (console_out != NULL)
        write_console(console_out, &e);
    pthread_mutex_unlock(&events_lock);
}
