/* alex_events.c: the JSON-lines event log (see alex_events.h). */
#include "robot/alex_events.h"

#include <pthread.h>
#include <stdarg.h>
#include <time.h>

static FILE *events_out;
static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;

void alex_events_open(FILE *out)
{
    events_out = out;
}

long long alex_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A JSON string (RFC 8259 section 7): quote, escape, and write control
 * characters as \u00XX. */
static void write_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void alex_event(const char *event, ...)
{
    if (events_out == NULL)
        return;
    pthread_mutex_lock(&events_lock);
    fprintf(events_out, "{\"t_ms\":%lld,\"event\":", alex_now_ms());
    write_json_string(events_out, event);

    va_list ap;
    va_start(ap, event);
    int type;
    while ((type = va_arg(ap, int)) != 0) {
        const char *key = va_arg(ap, const char *);
        fputc(',', events_out);
        write_json_string(events_out, key);
        fputc(':', events_out);
        if (type == 'n')
            fprintf(events_out, "%lld", va_arg(ap, long long));
        else
            write_json_string(events_out, va_arg(ap, const char *));
    }
    va_end(ap);
    fputs("}\n", events_out);
    fflush(events_out);
    pthread_mutex_unlock(&events_lock);
}
