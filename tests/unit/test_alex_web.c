/* test_alex_web.c: the web console's pure parts: the page's commands,
 * the JSON it is sent, the pairing code, the controller slot and its
 * silence rule (alex_web_protocol.h, alex_control.h). */
#include <string.h>

#include "robot/alex_control.h"
#include "robot/alex_events.h"
#include "robot/alex_web_protocol.h"
#include "tests/unit/harness.h"

static see_status parse(const char *text, alex_web_command *c, char *why, size_t cap)
{
    return alex_web_parse_command((const uint8_t *)text, strlen(text), c, why, cap);
}

static void test_commands(void)
{
    alex_web_command c;
    char why[160];
    CU_ASSERT_EQUAL(parse("go forward 50", &c, why, sizeof why), SEE_OK);
    CU_ASSERT_EQUAL(c.verb, ALEX_WEB_GO);
    CU_ASSERT_EQUAL(c.key, 'f');
    CU_ASSERT_EQUAL(c.power, 50);
    CU_ASSERT_EQUAL(parse("go reverse 0", &c, why, sizeof why), SEE_OK);
    CU_ASSERT_EQUAL(c.key, 'b');
    CU_ASSERT_EQUAL(parse("move left 360 100", &c, why, sizeof why), SEE_OK);
    CU_ASSERT_EQUAL(c.verb, ALEX_WEB_MOVE);
    CU_ASSERT_EQUAL(c.key, 'l');
    CU_ASSERT_EQUAL(c.amount, 360);
    CU_ASSERT_EQUAL(c.power, 100);
    CU_ASSERT_EQUAL(parse("move forward 1000 1", &c, why, sizeof why), SEE_OK);
    CU_ASSERT_EQUAL(c.amount, 1000);
    CU_ASSERT_EQUAL(parse("move right 1 5", &c, why, sizeof why), SEE_OK);
    CU_ASSERT_EQUAL(c.key, 'r');
    CU_ASSERT_EQUAL(parse("pair 012345", &c, why, sizeof why), SEE_OK);
    CU_ASSERT_EQUAL(c.verb, ALEX_WEB_PAIR);
    CU_ASSERT_STRING_EQUAL(c.code, "012345");
    static const struct { const char *text; alex_web_verb verb; } bare[] = {
        {"stop", ALEX_WEB_STOP}, {"hb", ALEX_WEB_HEARTBEAT},
        {"clear", ALEX_WEB_CLEAR}, {"release", ALEX_WEB_RELEASE},
    };
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++) {
        CU_ASSERT_EQUAL(parse(bare[i].text, &c, why, sizeof why), SEE_OK);
        CU_ASSERT_EQUAL(c.verb, bare[i].verb);
    }
}

/* Each refusal, with the words the page shows. */
static void test_command_errors(void)
{
    static const struct { const char *text, *why; } bad[] = {
        {"", "a command is words separated by single spaces (at most 4)"},
        {"go  forward 50", "a command is words separated by single spaces (at most 4)"},
        {" stop", "a command is words separated by single spaces (at most 4)"},
        {"stop ", "a command is words separated by single spaces (at most 4)"},
        {"move forward 1 2 3", "a command is words separated by single spaces (at most 4)"},
        {"fly", "unknown command 'fly'"},
        {"GO forward 50", "unknown command 'GO'"},
        {"fly\x1b[2J", "unknown command 'fly?[2J'"},
        {"abcdefghijklmnopqrstuvwxyz", "unknown command 'abcdefghijklmnopqrst...'"},
        {"go forward", "go takes 2 words after it"},
        {"stop now", "stop takes 0 words after it"},
        {"pair", "pair takes 1 word after it"},
        {"move forward 10", "move takes 3 words after it"},
        {"go up 50", "the direction must be forward, reverse, left or right, not 'up'"},
        {"go forward 101", "power must be 0-100, not '101'"},
        {"go forward -1", "power must be 0-100, not '-1'"},
        {"go forward 5a", "power must be 0-100, not '5a'"},
        {"go forward 0000000050", "power must be 0-100, not '0000000050'"},
        {"move forward 0 50", "the distance must be 1-1000 cm, not '0'"},
        {"move reverse 1001 50", "the distance must be 1-1000 cm, not '1001'"},
        {"move left 361 50", "the angle must be 1-360 degrees, not '361'"},
        {"move right 90 200", "power must be 0-100, not '200'"},
        {"pair 0123456789012345", "not a pairing code: '0123456789012345'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        alex_web_command c;
        char why[160] = "";
        CU_ASSERT_EQUAL(parse(bad[i].text, &c, why, sizeof why), ALEX_STATUS_WEB_COMMAND);
        if (strcmp(why, bad[i].why) != 0)
            printf("\n  '%s': '%s', expected '%s'\n", bad[i].text, why, bad[i].why);
        CU_ASSERT_STRING_EQUAL(why, bad[i].why);
    }
}

/* The robot's commands they become: the terminal client's COMMAND. */
static void test_command_messages(void)
{
    static const struct { const char *text; char key; int32_t p1, p2; } map[] = {
        {"go forward 50", 'f', 0, 50},      {"go reverse 40", 'b', 0, 40},
        {"go left 30", 'l', 0, 30},         {"go right 20", 'r', 0, 20},
        {"move forward 25 60", 'f', 25, 60}, {"move left 90 70", 'l', 90, 70},
        {"stop", 's', 0, 0},                {"clear", 'c', 0, 0},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        alex_web_command c;
        alex_message m;
        alex_packet p;
        char why[160];
        CU_ASSERT_EQUAL(parse(map[i].text, &c, why, sizeof why), SEE_OK);
        alex_web_command_message(&c, &m);
        CU_ASSERT_EQUAL(m.kind, ALEX_MSG_COMMAND);
        CU_ASSERT_EQUAL(m.key, map[i].key);
        CU_ASSERT_EQUAL(m.p1, map[i].p1);
        CU_ASSERT_EQUAL(m.p2, map[i].p2);
        CU_ASSERT_EQUAL(alex_command_to_packet(&m, &p), ALEX_ERR_OK);
    }
}

static void test_security_json(void)
{
    alex_web_security s = {
        .subject = "CN=Alex \"the\" robot\\2", .issuer = "CN=Lab\nCA\x01",
        .not_before = "2026-01-01 00:00:00 UTC", .not_after = "2027-01-01 00:00:00 UTC",
        .suite = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", .key_exchange = "ECDHE with x25519",
        .client = NULL,
    };
    char out[600];
    size_t len;
    CU_ASSERT_EQUAL(alex_web_security_json(&s, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_STRING_EQUAL(out,
        "{\"type\":\"security\",\"subject\":\"CN=Alex \\\"the\\\" robot\\\\2\","
        "\"issuer\":\"CN=Lab\\u000aCA\\u0001\",\"not_before\":\"2026-01-01 00:00:00 UTC\","
        "\"not_after\":\"2027-01-01 00:00:00 UTC\","
        "\"suite\":\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\","
        "\"key_exchange\":\"ECDHE with x25519\",\"client\":null}");
    CU_ASSERT_EQUAL(len, strlen(out));
    s.client = "CN=laptop";
    CU_ASSERT_EQUAL(alex_web_security_json(&s, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, ",\"client\":\"CN=laptop\"}"));
    /* too small by any amount: refused, never cut */
    size_t whole = len + 1;
    for (size_t cap = 0; cap < whole; cap++)
        CU_ASSERT_EQUAL(alex_web_security_json(&s, out, cap, &len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(alex_web_security_json(&s, out, whole, &len), SEE_OK);
}

/* UTF-8 passes; what is not UTF-8 becomes U+FFFD, so the message is
 * always a valid text frame. */
static void test_json_utf8(void)
{
    char out[200];
    size_t len;
    CU_ASSERT_EQUAL(alex_web_error_json("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\xa4\x96", out,
                                        sizeof out, &len), SEE_OK);
    CU_ASSERT_STRING_EQUAL(out, "{\"type\":\"error\",\"text\":\"caf\xc3\xa9 \xe2\x82\xac "
                                "\xf0\x9f\xa4\x96\"}");
    CU_ASSERT_EQUAL(alex_web_error_json("a\xff" "b\xc3" "c\xc0\xaf\xed\xa0\x80\x7f", out,
                                        sizeof out, &len), SEE_OK);
    CU_ASSERT_STRING_EQUAL(out, "{\"type\":\"error\",\"text\":\"a\xef\xbf\xbd" "b\xef\xbf\xbd"
                                "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                                "\xef\xbf\xbd\\u007f\"}");
}

static void test_status_json(void)
{
    alex_web_status s = {.doing = "forward", .control = "other",
                         .controller = "CN=laptop-\"3\"", .may_drive = 1};
    for (int i = 0; i < ALEX_STAT_COUNT; i++)
        s.stats[i] = (uint32_t)i * 1000u;
    s.stats[9] = 4294967295u;
    char out[400];
    size_t len;
    CU_ASSERT_EQUAL(alex_web_status_json(&s, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_STRING_EQUAL(out,
        "{\"type\":\"status\",\"doing\":\"forward\","
        "\"stats\":[0,1000,2000,3000,4000,5000,6000,7000,8000,4294967295],"
        "\"control\":\"other\",\"controller\":\"CN=laptop-\\\"3\\\"\",\"may_drive\":true}");
    s.control = "none";
    s.controller = NULL;
    s.may_drive = 0;
    CU_ASSERT_EQUAL(alex_web_status_json(&s, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"control\":\"none\",\"controller\":null,"
                                       "\"may_drive\":false}"));
}

static void test_pairing_code(void)
{
    CU_ASSERT_TRUE(alex_pairing_matches("042917", "042917", 6));
    CU_ASSERT_FALSE(alex_pairing_matches("042917", "042918", 6));
    CU_ASSERT_FALSE(alex_pairing_matches("042917", "142917", 6));
    CU_ASSERT_FALSE(alex_pairing_matches("042917", "04291", 5));
    CU_ASSERT_FALSE(alex_pairing_matches("042917", "0429170", 7));
    CU_ASSERT_FALSE(alex_pairing_matches("042917", "", 0));
    /* only the given length counts: "042917" followed by more is not it */
    CU_ASSERT_FALSE(alex_pairing_matches("042917", "042917x", 7));

    see_rng rng;
    rng_init_seeded(&rng, "pairing", 7);
    int seen[10] = {0};
    char codes[2][ALEX_PAIRING_DIGITS + 1];
    for (int i = 0; i < 1000; i++) {
        char code[ALEX_PAIRING_DIGITS + 1];
        CU_ASSERT_EQUAL_FATAL(alex_pairing_new(&rng, code), SEE_OK);
        CU_ASSERT_EQUAL(strlen(code), ALEX_PAIRING_DIGITS);
        CU_ASSERT_EQUAL(strspn(code, "0123456789"), ALEX_PAIRING_DIGITS);
        CU_ASSERT_TRUE(alex_pairing_matches(code, code, strlen(code)));
        for (int d = 0; d < ALEX_PAIRING_DIGITS; d++)
            seen[code[d] - '0']++;
        if (i < 2)
            strcpy(codes[i], code);
    }
    CU_ASSERT_NOT_EQUAL(strcmp(codes[0], codes[1]), 0);
    /* 6000 digits: each about 600 times, never wildly off */
    for (int d = 0; d < 10; d++)
        CU_ASSERT_TRUE(seen[d] > 450 && seen[d] < 750);
    rng_wipe(&rng);
}

/* Wrong codes across connections: the tenth within a minute pauses
 * pairing for a minute; fewer, or spread wider, do not. */
static void test_pairing_guard(void)
{
    alex_pairing_guard g;
    long long wait_ms;
    alex_pairing_guard_init(&g);
    CU_ASSERT_TRUE(alex_pairing_guard_allows(&g, 1000, &wait_ms));
    for (int i = 0; i < ALEX_PAIRING_MAX_FAILURES - 1; i++)
        CU_ASSERT_FALSE(alex_pairing_guard_failed(&g, 1000 + i * 1000));
    CU_ASSERT_TRUE(alex_pairing_guard_allows(&g, 20000, &wait_ms));
    CU_ASSERT_TRUE(alex_pairing_guard_failed(&g, 20000));
    CU_ASSERT_FALSE(alex_pairing_guard_allows(&g, 20000, &wait_ms));
    CU_ASSERT_EQUAL(wait_ms, ALEX_PAIRING_LOCKOUT_MS);
    CU_ASSERT_FALSE(alex_pairing_guard_allows(&g, 20000 + ALEX_PAIRING_LOCKOUT_MS - 1,
                                              &wait_ms));
    CU_ASSERT_EQUAL(wait_ms, 1);
    CU_ASSERT_TRUE(alex_pairing_guard_allows(&g, 20000 + ALEX_PAIRING_LOCKOUT_MS, &wait_ms));
    /* one a minute never adds up */
    alex_pairing_guard_init(&g);
    for (int i = 0; i < 3 * ALEX_PAIRING_MAX_FAILURES; i++)
        CU_ASSERT_FALSE(alex_pairing_guard_failed(&g, 1000 + (long long)i *
                                                         ALEX_PAIRING_WINDOW_MS));
}

/* The silence rule: a limit of 0 never fires; else strictly past it. */
static void test_silence_rule(void)
{
    CU_ASSERT_FALSE(alex_silence_exceeded(1000, 0, 1000000));
    CU_ASSERT_FALSE(alex_silence_exceeded(1000, 300, 1000));
    CU_ASSERT_FALSE(alex_silence_exceeded(1000, 300, 1300));
    CU_ASSERT_TRUE(alex_silence_exceeded(1000, 300, 1301));
    CU_ASSERT_TRUE(alex_silence_exceeded(1000, 500, 100000));
}

/* The slot across doors: one controller, the other told who; the silence
 * limit the controller's own; the watchdog's stop once per silence. */
static void test_control_slot(void)
{
    alex_robot robot;
    alex_robot_open_sim(&robot);
    alex_control c;
    alex_control_init(&c, &robot);
    char who[256];
    CU_ASSERT_FALSE(alex_control_who(&c, who, sizeof who));
    CU_ASSERT_TRUE(alex_control_claim(&c, "CN=laptop", 0, who, sizeof who));
    CU_ASSERT_FALSE(alex_control_claim(&c, "browser 10.0.0.2", 300, who, sizeof who));
    CU_ASSERT_STRING_EQUAL(who, "CN=laptop");
    CU_ASSERT_TRUE(alex_control_who(&c, who, sizeof who));

    /* stopped (limit 0): a long silence is no loss */
    c.last_heard_ms = alex_now_ms() - 10000;
    CU_ASSERT_FALSE(alex_control_watch(&c));
    /* moving (the web limit): the watchdog stops once */
    alex_control_set_silence(&c, 300);
    CU_ASSERT_TRUE(alex_control_watch(&c));
    CU_ASSERT_TRUE(alex_control_silenced(&c));
    CU_ASSERT_FALSE(alex_control_watch(&c));
    alex_control_heard(&c);
    CU_ASSERT_FALSE(alex_control_silenced(&c));
    CU_ASSERT_FALSE(alex_control_watch(&c));

    alex_control_release(&c, "test");
    CU_ASSERT_FALSE(alex_control_who(&c, who, sizeof who));
    CU_ASSERT_STRING_EQUAL(who, "");
    CU_ASSERT_TRUE(alex_control_claim(&c, "browser 10.0.0.2", 0, who, sizeof who));
    alex_control_release(&c, "test");
    alex_control_destroy(&c);
    alex_robot_close(&robot);
}

static void test_time_text(void)
{
    static const struct { int64_t t; const char *text; } times[] = {
        {0, "1970-01-01 00:00:00 UTC"},
        {951782400, "2000-02-29 00:00:00 UTC"},
        {2147483647, "2038-01-19 03:14:07 UTC"},
        {2147483648LL, "2038-01-19 03:14:08 UTC"},   /* past a 32-bit time_t */
        {4102444799LL, "2099-12-31 23:59:59 UTC"},
        {253402300799LL, "9999-12-31 23:59:59 UTC"},
        {-1, "1969-12-31 23:59:59 UTC"},
    };
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        char out[40];
        alex_web_time_text(times[i].t, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, times[i].text);
    }
}

static CU_TestInfo tests[] = {
    {"the page's commands", test_commands},
    {"each command refused in words", test_command_errors},
    {"commands become the terminal client's COMMANDs", test_command_messages},
    {"security JSON: escaped, null client, never cut", test_security_json},
    {"JSON strings: UTF-8 kept, the rest U+FFFD", test_json_utf8},
    {"status JSON", test_status_json},
    {"pairing code: constant-time check, fresh codes", test_pairing_code},
    {"wrong codes across connections pause pairing", test_pairing_guard},
    {"the silence rule", test_silence_rule},
    {"one controller slot; the watchdog's stop once", test_control_slot},
    {"certificate dates as text, past 2038", test_time_text},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("alex_web", tests);
}
