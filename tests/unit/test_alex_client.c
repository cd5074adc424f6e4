/*
 * test_alex_client.c: the laptop's side of the robot link without the
 * network: script steps and prompt lines (syntax, ranges named with their
 * values), when a move is done (alex_script.h), and when a key held in a
 * terminal counts as released (alex_drive.h).
 */
#include <string.h>

#include "robot/alex_drive.h"
#include "robot/alex_message.h"
#include "robot/alex_script.h"
#include "tests/unit/harness.h"

/* ------------------------------------------------------------- steps --- */

static alex_step_result parse(const char *text, int mode, alex_step *step, char *why)
{
    return alex_step_parse(text, mode, step, why, 200);
}

static void test_step_commands(void)
{
    alex_step s;
    char why[200];
    CU_ASSERT_EQUAL(parse("f 50 75", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.kind, ALEX_STEP_COMMAND);
    CU_ASSERT_EQUAL(s.key, 'f');
    CU_ASSERT_EQUAL(s.p1, 50);
    CU_ASSERT_EQUAL(s.p2, 75);
    CU_ASSERT_TRUE(s.has_params);
    CU_ASSERT_FALSE(s.no_wait);
    CU_ASSERT_STRING_EQUAL(s.text, "f 50 75");

    CU_ASSERT_EQUAL(parse("  l 90 60 &  ", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.key, 'l');
    CU_ASSERT_EQUAL(s.p1, 90);
    CU_ASSERT_TRUE(s.no_wait);
    CU_ASSERT_STRING_EQUAL(s.text, "l 90 60 &");
    CU_ASSERT_EQUAL(parse("b 0 100&", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_TRUE(s.no_wait);
    CU_ASSERT_EQUAL(s.p2, 100);
    CU_ASSERT_EQUAL(parse("r 360 0", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(parse("f 1000 100", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);

    CU_ASSERT_EQUAL(parse("g", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.kind, ALEX_STEP_COMMAND);
    CU_ASSERT_EQUAL(s.key, 'g');
    CU_ASSERT_FALSE(s.has_params);
    CU_ASSERT_EQUAL(parse("q", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.kind, ALEX_STEP_QUIT);
    CU_ASSERT_EQUAL(parse("wait 2.5", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.kind, ALEX_STEP_WAIT);
    CU_ASSERT_EQUAL(s.wait_ms, 2500);
    CU_ASSERT_EQUAL(parse("wait 0", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.wait_ms, 0);

    /* a team's own letter goes to the robot as written */
    CU_ASSERT_EQUAL(parse("x", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.key, 'x');
    CU_ASSERT_EQUAL(parse("z -5 7", ALEX_STEP_SCRIPT, &s, why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(s.p1, -5);
    CU_ASSERT_EQUAL(s.p2, 7);

    /* the prompt's first line: a move's key alone, its numbers asked next */
    CU_ASSERT_EQUAL(parse("f", ALEX_STEP_PARAMS_LATER, &s, why), ALEX_STEP_OK);
    CU_ASSERT_FALSE(s.has_params);
    CU_ASSERT_EQUAL(parse("f 10 50", ALEX_STEP_PARAMS_LATER, &s, why), ALEX_STEP_OK);
    CU_ASSERT_TRUE(s.has_params);
    CU_ASSERT_EQUAL(s.p1, 10);
    CU_ASSERT_EQUAL(s.p2, 50);
}

/* Each wrong step, its result and its exact words. */
static void test_step_errors(void)
{
    static const struct {
        const char *text;
        alex_step_result result;
        const char *why;
    } cases[] = {
        {"f 5000 50", ALEX_STEP_OUT_OF_RANGE,
         "distance 5000 is out of range 0-1000 (cm; 0 = until stopped)"},
        {"b -1 50", ALEX_STEP_OUT_OF_RANGE,
         "distance -1 is out of range 0-1000 (cm; 0 = until stopped)"},
        {"l 400 50", ALEX_STEP_OUT_OF_RANGE,
         "angle 400 is out of range 0-360 (degrees; 0 = until stopped)"},
        {"r 90 150", ALEX_STEP_OUT_OF_RANGE, "power 150 is out of range 0-100 (percent)"},
        {"f 10 -3", ALEX_STEP_OUT_OF_RANGE, "power -3 is out of range 0-100 (percent)"},
        {"f 99999999999999999999 50", ALEX_STEP_OUT_OF_RANGE,
         "distance 99999999999999999999 is out of range 0-1000 (cm; 0 = until stopped)"},
        {"f 4294967346 50", ALEX_STEP_OUT_OF_RANGE,
         "distance 4294967346 is out of range 0-1000 (cm; 0 = until stopped)"},
        {"f 50", ALEX_STEP_SYNTAX, "f needs a distance and a power: f 50 75"},
        {"f", ALEX_STEP_SYNTAX, "f needs a distance and a power: f 50 75"},
        {"r 90", ALEX_STEP_SYNTAX, "r needs an angle and a power: r 90 60"},
        {"f 50 75 1", ALEX_STEP_SYNTAX, "f needs a distance and a power: f 50 75"},
        {"f 50.5 75", ALEX_STEP_SYNTAX, "distance '50.5' is not a whole number"},
        {"f 50 fast", ALEX_STEP_SYNTAX, "power 'fast' is not a whole number"},
        {"s 1", ALEX_STEP_SYNTAX, "s takes no numbers"},
        {"q now", ALEX_STEP_SYNTAX, "q takes no numbers"},
        {"g &", ALEX_STEP_SYNTAX, "only a move (f, b, l, r) can end in '&'"},
        {"x 1", ALEX_STEP_SYNTAX, "x takes no numbers or two whole numbers"},
        {"x 1 99999999999", ALEX_STEP_OUT_OF_RANGE,
         "99999999999 is out of range -2147483648-2147483647"},
        {"forward 50 75", ALEX_STEP_SYNTAX,
         "unknown step 'forward' (f, b, l, r, s, c, g, wait, q, or a letter of your own)"},
        {"wait", ALEX_STEP_SYNTAX, "wait needs a number of seconds: wait 2.5"},
        {"wait soon", ALEX_STEP_SYNTAX, "wait needs a number of seconds: wait 2.5"},
        {"wait -1", ALEX_STEP_OUT_OF_RANGE, "wait -1 is out of range 0-3600 (seconds)"},
        {"wait 4000", ALEX_STEP_OUT_OF_RANGE, "wait 4000 is out of range 0-3600 (seconds)"},
        {"wait 2 &", ALEX_STEP_SYNTAX, "only a move (f, b, l, r) can end in '&'"},
        {"   ", ALEX_STEP_SYNTAX, "an empty step"},
        {"&", ALEX_STEP_SYNTAX, "'&' after nothing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        alex_step s;
        char why[200];
        CU_ASSERT_EQUAL(parse(cases[i].text, ALEX_STEP_SCRIPT, &s, why), cases[i].result);
        CU_ASSERT_STRING_EQUAL(why, cases[i].why);
        if (strcmp(why, cases[i].why) != 0)
            printf("\n  '%s': got '%s'\n", cases[i].text, why);
    }
    /* the prompt asks for a move's numbers, but a wrong one is still wrong */
    alex_step s;
    char why[200];
    CU_ASSERT_EQUAL(parse("f 10 150", ALEX_STEP_PARAMS_LATER, &s, why), ALEX_STEP_OUT_OF_RANGE);
    CU_ASSERT_STRING_EQUAL(why, "power 150 is out of range 0-100 (percent)");
    CU_ASSERT_EQUAL(alex_step_check_params('f', 10, 150, why, sizeof why), ALEX_STEP_OUT_OF_RANGE);
    CU_ASSERT_STRING_EQUAL(why, "power 150 is out of range 0-100 (percent)");
    CU_ASSERT_EQUAL(alex_step_check_params('g', 5000, 5000, why, sizeof why), ALEX_STEP_OK);
    CU_ASSERT_EQUAL(alex_step_check_params('l', ALEX_MAX_ANGLE_DEG, ALEX_MAX_POWER_PCT, why,
                                           sizeof why), ALEX_STEP_OK);
}

static void test_script_steps(void)
{
    alex_script_cursor c;
    alex_step s;
    alex_step_result r;
    char why[300];
    static const char *const expected[] = {"f 50 75", "l 90 60", "g", "wait 2", "s"};
    alex_script_begin(&c, "f 50 75; l 90 60;g;; wait 2 \n s\n");
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL_FATAL(alex_script_next(&c, &s, &r, why, sizeof why), 1);
        CU_ASSERT_EQUAL(r, ALEX_STEP_OK);
        CU_ASSERT_EQUAL(c.number, i + 1);
        CU_ASSERT_STRING_EQUAL(s.text, expected[i]);
    }
    CU_ASSERT_EQUAL(alex_script_next(&c, &s, &r, why, sizeof why), 0);
    CU_ASSERT_EQUAL(alex_script_check("f 50 75; l 90 60; g; wait 2; s", why, sizeof why),
                    ALEX_STEP_OK);

    /* a script is checked whole, before any of it runs */
    CU_ASSERT_EQUAL(alex_script_check("f 50 75; f 5000 50; s", why, sizeof why),
                    ALEX_STEP_OUT_OF_RANGE);
    CU_ASSERT_STRING_EQUAL(why, "step 2 'f 5000 50': distance 5000 is out of range 0-1000 "
                                "(cm; 0 = until stopped)");
    CU_ASSERT_EQUAL(alex_script_check("g; q; wait", why, sizeof why), ALEX_STEP_SYNTAX);
    CU_ASSERT_STRING_EQUAL(why, "step 3 'wait': wait needs a number of seconds: wait 2.5");
    CU_ASSERT_EQUAL(alex_script_check(" ; \n ;", why, sizeof why), ALEX_STEP_SYNTAX);
    CU_ASSERT_STRING_EQUAL(why, "the script has no step");
    char long_step[400];
    memset(long_step, 'x', sizeof long_step - 1);
    long_step[sizeof long_step - 1] = '\0';
    CU_ASSERT_EQUAL(alex_script_check(long_step, why, sizeof why), ALEX_STEP_SYNTAX);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "a step of more than 200 characters"));
}

/* ------------------------------------------------------ a move's end --- */

static void counters(uint32_t out[ALEX_PARAM_COUNT], uint32_t ticks, uint32_t forward_cm)
{
    memset(out, 0, ALEX_PARAM_COUNT * sizeof out[0]);
    out[ALEX_STAT_LEFT_FORWARD_TICKS] = out[ALEX_STAT_RIGHT_FORWARD_TICKS] = ticks;
    out[ALEX_STAT_FORWARD_DISTANCE] = forward_cm;
}

static void test_move_reaches_distance(void)
{
    uint32_t c[ALEX_PARAM_COUNT];
    alex_move_watch w;
    counters(c, 100, 10);
    alex_move_watch_start(&w, 'f', 50, c, 1000);
    counters(c, 200, 20);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 1250), ALEX_MOVE_GOING);
    counters(c, 500, 59);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 1500), ALEX_MOVE_GOING);
    counters(c, 520, 60); /* 50 cm from where it started */
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 1750), ALEX_MOVE_DONE);
}

/* A turn (or a distance one short, as the simulator's rounding can leave
 * it) is done when the counters have stood still for ALEX_MOVE_STILL_MS. */
static void test_move_still(void)
{
    uint32_t c[ALEX_PARAM_COUNT];
    alex_move_watch w;
    counters(c, 100, 10);
    alex_move_watch_start(&w, 'l', 90, c, 0);
    c[ALEX_STAT_LEFT_REVERSE_TICKS_TURNS] = 40;
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 250), ALEX_MOVE_GOING);
    c[ALEX_STAT_LEFT_REVERSE_TICKS_TURNS] = 81;
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 500), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 750), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 999), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 1000), ALEX_MOVE_DONE);

    counters(c, 100, 10);
    alex_move_watch_start(&w, 'f', 50, c, 0);
    counters(c, 560, 59);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 250), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 500), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 750), ALEX_MOVE_DONE);

    /* counters cleared under the move: not "reached", only still */
    counters(c, 100, 40);
    alex_move_watch_start(&w, 'f', 10, c, 0);
    counters(c, 0, 0);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 250), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 750), ALEX_MOVE_DONE);
}

static void test_move_did_not_move(void)
{
    uint32_t c[ALEX_PARAM_COUNT];
    alex_move_watch w;
    counters(c, 7, 3);
    alex_move_watch_start(&w, 'r', 90, c, 0);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 250), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 750), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 999), ALEX_MOVE_GOING);
    CU_ASSERT_EQUAL(alex_move_watch_status(&w, c, 1000), ALEX_MOVE_DID_NOT_MOVE);
}

/* ------------------------------------------------------------- drive --- */

static void test_drive_keys(void)
{
    CU_ASSERT_EQUAL(alex_drive_command('w'), 'f');
    CU_ASSERT_EQUAL(alex_drive_command('W'), 'f');
    CU_ASSERT_EQUAL(alex_drive_command('s'), 'b');
    CU_ASSERT_EQUAL(alex_drive_command('a'), 'l');
    CU_ASSERT_EQUAL(alex_drive_command('D'), 'r');
    CU_ASSERT_EQUAL(alex_drive_command(' '), 0);
    CU_ASSERT_EQUAL(alex_drive_command('q'), 0);
    CU_ASSERT_EQUAL(alex_drive_command('f'), 0);
}

/* A key held with a 600 ms autorepeat delay and 30 repeats a second: held
 * from the first press to 100 ms after the last repeat, never released in
 * between. */
static void test_held_key_autorepeat(void)
{
    alex_held_key h;
    alex_held_init(&h);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), -1);
    CU_ASSERT_EQUAL(alex_held_press(&h, 'f', 10000), 1);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 10000 + ALEX_DRIVE_FIRST_REPEAT_MS);
    for (long long t = 10000; t < 10600; t += 10)
        CU_ASSERT_EQUAL(alex_held_released(&h, t), 0);
    long long last = 0;
    for (int i = 0; i < 42; i++) {
        long long t = 10600 + i * 1000 / 30;
        CU_ASSERT_EQUAL(alex_held_released(&h, t - 1), 0);
        CU_ASSERT_EQUAL(alex_held_press(&h, 'f', t), 0);
        last = t;
    }
    CU_ASSERT_EQUAL(alex_held_release_at(&h), last + ALEX_DRIVE_MIN_GAP_MS);
    CU_ASSERT_EQUAL(alex_held_released(&h, last + 99), 0);
    CU_ASSERT_EQUAL(alex_held_released(&h, last + 100), 1);
    CU_ASSERT_EQUAL(h.key, 0);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), -1);
    /* the next character is a new press */
    CU_ASSERT_EQUAL(alex_held_press(&h, 'f', last + 150), 1);
}

static void test_held_key_periods(void)
{
    alex_held_key h;
    alex_held_init(&h);
    /* after the first repeat the period is not known: the longest gap */
    alex_held_press(&h, 'l', 0);
    alex_held_press(&h, 'l', 500);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 500 + ALEX_DRIVE_MAX_GAP_MS);
    /* 90 ms between repeats (11 a second): 2.5 periods, 225 ms */
    alex_held_press(&h, 'l', 590);
    alex_held_press(&h, 'l', 680);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 680 + 225);
    /* one character late (120 ms), then one early: the late one counts,
     * for the last ALEX_DRIVE_GAPS gaps; 300 ms at most */
    alex_held_press(&h, 'l', 800);
    alex_held_press(&h, 'l', 810);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 810 + 300);
    alex_held_press(&h, 'l', 900);
    alex_held_press(&h, 'l', 990);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 990 + 300); /* 120 still among the 4 */
    alex_held_press(&h, 'l', 1080);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 1080 + 225);  /* 120 gone: 90 */
    /* another key replaces the one held, from its first press */
    CU_ASSERT_EQUAL(alex_held_press(&h, 'r', 1100), 1);
    CU_ASSERT_EQUAL(h.key, 'r');
    CU_ASSERT_EQUAL(alex_held_release_at(&h), 1100 + ALEX_DRIVE_FIRST_REPEAT_MS);
    alex_held_forget(&h);
    CU_ASSERT_EQUAL(alex_held_release_at(&h), -1);
    CU_ASSERT_EQUAL(alex_held_released(&h, 99999), 0);
}

static void test_heartbeat_constants(void)
{
    /* a server's shortest idle limit outlasts two heartbeat intervals */
    CU_ASSERT_TRUE(ALEX_MIN_IDLE_MS >= 2 * ALEX_HEARTBEAT_MS);
    CU_ASSERT_EQUAL(ALEX_HEARTBEAT_MS, 100);
    CU_ASSERT_TRUE(ALEX_MOVE_POLL_MS < ALEX_MOVE_STILL_MS);
}

static CU_TestInfo tests[] = {
    { "steps: commands, moves with and without '&', wait, q, a team's letter", test_step_commands },
    { "steps: each error's result and exact words, values and ranges named", test_step_errors },
    { "scripts: steps by ';' and new lines, checked whole", test_script_steps },
    { "a move is done when the distance asked is reached", test_move_reaches_distance },
    { "a move is done when the counters stand still", test_move_still },
    { "a move the robot never made", test_move_did_not_move },
    { "driving keys", test_drive_keys },
    { "a held key with 600 ms autorepeat delay and 30/s: held throughout", test_held_key_autorepeat },
    { "a held key's release from its measured repeat period", test_held_key_periods },
    { "heartbeat interval and idle limit", test_heartbeat_constants },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("alex_client", tests);
}
