/*
 * test_alex_events.c: the robot's events file (robot/alex_events.h), line
 * by line: each event one JSON object whatever its details hold (text
 * that is not UTF-8, such as a Latin-1 name or a name cut inside a
 * character, written as U+FFFD; quotes and controls escaped), a line
 * longer than the stack's buffer written whole, and lines from several
 * threads at once never mixed, their times in order.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/utf8.h"
#include "robot/alex_events.h"
#include "tests/unit/harness.h"

/* The events file's lines, read back (free with free_lines). */
typedef struct {
    char **line;
    size_t count;
} lines;

static lines read_lines(FILE *f)
{
    lines l = {NULL, 0};
    char *text = NULL;
    size_t cap = 0;
    rewind(f);
    while (getline(&text, &cap, f) > 0) {
        l.line = realloc(l.line, (l.count + 1) * sizeof *l.line);
        CU_ASSERT_PTR_NOT_NULL_FATAL(l.line);
        l.line[l.count++] = strdup(text);
    }
    free(text);
    return l;
}

static void free_lines(lines *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->line[i]);
    free(l->line);
}

/* The line after {"t_ms":DIGITS, with *t_ms; NULL if it does not begin so. */
static const char *after_time(const char *line, long long *t_ms)
{
    static const char start[] = "{\"t_ms\":";
    if (strncmp(line, start, sizeof start - 1) != 0)
        return NULL;
    char *end;
    *t_ms = strtoll(line + sizeof start - 1, &end, 10);
    return *end == ',' ? end : NULL;
}

/* Log one event into a fresh file; its only line, t_ms taken off (free). */
static char *one_event_line(void (*log)(void))
{
    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    alex_events_open(f);
    log();
    alex_events_open(NULL);
    lines l = read_lines(f);
    fclose(f);
    char *rest = NULL;
    long long t_ms;
    CU_ASSERT_EQUAL(l.count, 1);
    if (l.count == 1) {
        const char *after = after_time(l.line[0], &t_ms);
        CU_ASSERT_PTR_NOT_NULL(after);
        CU_ASSERT_TRUE(utf8_valid((const uint8_t *)l.line[0], strlen(l.line[0])));
        rest = strdup(after != NULL ? after : "");
    }
    free_lines(&l);
    return rest;
}

static void expect_rest(char *rest, const char *expected)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(rest);
    CU_ASSERT_STRING_EQUAL(rest, expected);
    if (strcmp(rest, expected) != 0)
        fprintf(stderr, "\n  got %s  not %s", rest, expected);
    free(rest);
}

static void log_latin1_name(void)
{
    /* a certificate's name in Latin-1, and one cut inside the euro sign */
    alex_event("refused", EV_STR("peer", "CN=caf\xe9"), EV_STR("address", "x\xe2\x82"),
               EV_STR("reason", "ok \xc3\xa9\xe2\x82\xac"), EV_END);
}

/* The behaviour this file changed: text that is not UTF-8 is U+FFFD, so
 * the line is valid JSON; UTF-8 passes as it is. */
static void test_not_utf8_is_replaced(void)
{
    expect_rest(one_event_line(log_latin1_name),
                ",\"event\":\"refused\",\"peer\":\"CN=caf\xef\xbf\xbd\","
                "\"address\":\"x\xef\xbf\xbd\xef\xbf\xbd\","
                "\"reason\":\"ok \xc3\xa9\xe2\x82\xac\"}\n");
}

static void log_escapes_and_numbers(void)
{
    alex_event("invalid", EV_STR("reason", "say \"go\"\\\n\x1b[2J\x7f"),
               EV_NUM("p1", -5), EV_NUM("min", LLONG_MIN), EV_NUM("max", LLONG_MAX),
               EV_STR("empty", ""), EV_END);
}

static void test_escapes_and_numbers(void)
{
    expect_rest(one_event_line(log_escapes_and_numbers),
                ",\"event\":\"invalid\",\"reason\":\"say \\\"go\\\"\\\\\\u000a"
                "\\u001b[2J\\u007f\",\"p1\":-5,\"min\":-9223372036854775808,"
                "\"max\":9223372036854775807,\"empty\":\"\"}\n");
}

/* A name of 3000 'x' and 300 control characters: a line of some 5 KB,
 * far past the stack's buffer, written whole. */
static char long_name[3301];

static void log_long_name(void)
{
    memset(long_name, 'x', 3000);
    memset(long_name + 3000, 0x01, 300);
    long_name[3300] = '\0';
    alex_event("connected", EV_STR("peer", long_name), EV_NUM("n", 1), EV_END);
}

static void test_long_line_whole(void)
{
    char *rest = one_event_line(log_long_name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rest);
    static const char head[] = ",\"event\":\"connected\",\"peer\":\"";
    static const char tail[] = "\",\"n\":1}\n";
    size_t len = strlen(rest);
    CU_ASSERT_EQUAL(len, sizeof head - 1 + 3000 + 300 * 6 + sizeof tail - 1);
    CU_ASSERT_EQUAL(strncmp(rest, head, sizeof head - 1), 0);
    size_t xs = strspn(rest + sizeof head - 1, "x");
    CU_ASSERT_EQUAL(xs, 3000);
    CU_ASSERT_EQUAL(strncmp(rest + sizeof head - 1 + 3000, "\\u0001", 6), 0);
    if (len >= sizeof tail - 1)
        CU_ASSERT_STRING_EQUAL(rest + len - (sizeof tail - 1), tail);
    free(rest);
}

#define THREADS 4
#define EVENTS_EACH 250

static void *log_many(void *arg)
{
    long id = (long)(size_t)arg;
    for (int i = 0; i < EVENTS_EACH; i++) {
        if (i % 2 == 0)
            alex_event("command", EV_NUM("thread", id), EV_NUM("i", i), EV_END);
        else
            alex_event("connected", EV_NUM("thread", id), EV_STR("peer", long_name), EV_END);
    }
    return NULL;
}

/* 1 if rest (a line after its time) is whole and one of log_many's two
 * shapes, with *thread. */
static int thread_of_line(const char *rest, int *thread)
{
    int n;
    size_t len = strlen(rest);
    if (len < 3 || strcmp(rest + len - 2, "}\n") != 0)
        return 0;
    if (sscanf(rest, ",\"event\":\"command\",\"thread\":%d,\"i\":%d}", thread, &n) == 2)
        return strchr(rest, '}') == rest + len - 2;
    if (sscanf(rest, ",\"event\":\"connected\",\"thread\":%d,", thread) != 1)
        return 0;
    const char *name = strstr(rest, "\"peer\":\"");
    return name != NULL && strspn(name + 8, "y") == 2000 && strcmp(name + 8 + 2000, "\"}\n") == 0;
}

/* Four threads logging at once, short lines and long ones: every line
 * whole and one of the two shapes, all of them there, t_ms never going
 * back (it is taken under the lock). */
static void test_threads_never_mix(void)
{
    memset(long_name, 'y', 2000);
    long_name[2000] = '\0';
    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    alex_events_open(f);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, log_many, (void *)(size_t)i), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    alex_events_open(NULL);
    lines l = read_lines(f);
    fclose(f);
    CU_ASSERT_EQUAL(l.count, THREADS * EVENTS_EACH);
    int bad = 0, counted[THREADS] = {0};
    long long last = 0;
    for (size_t i = 0; i < l.count; i++) {
        long long t_ms;
        const char *rest = after_time(l.line[i], &t_ms);
        int thread = -1;
        if (rest == NULL || t_ms < last) {
            bad++;
            continue;
        }
        last = t_ms;
        if (thread_of_line(rest, &thread) && thread >= 0 && thread < THREADS) {
            counted[thread]++;
            continue;
        }
        bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    for (int i = 0; i < THREADS; i++)
        CU_ASSERT_EQUAL(counted[i], EVENTS_EACH);
    free_lines(&l);
}

static CU_TestInfo tests[] = {
    {"not UTF-8: U+FFFD, the line valid JSON", test_not_utf8_is_replaced},
    {"quotes, controls, DEL escaped; numbers at their ends", test_escapes_and_numbers},
    {"a line longer than the stack's buffer, whole", test_long_line_whole},
    {"four threads at once: lines whole, times in order", test_threads_never_mix},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("alex_events", tests);
}
