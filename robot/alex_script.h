/*
 * alex_script.h: what the laptop's user asks of the robot, in words: the
 * steps of an alex-client --cmd script and the lines typed at its prompt,
 * checked before anything is sent; and how the laptop learns that a move
 * is done.
 *
 * A script is steps separated by ';' (or new lines):
 *
 *   f 50 75       forward 50 cm at 75 % power; b is reverse; l and r turn
 *                 by an angle in degrees. The script waits for the move to
 *                 end before its next step (alex_move_watch below).
 *   f 50 75 &     the same, without waiting: the next step follows at once
 *                 (and a move replaces the one before it on the robot)
 *   f 0 60        distance (or angle) 0: "until told to stop", never waited for
 *   s  c  g       stop, clear the counters, get the status report
 *   wait 2.5      keep the link alive for 2.5 seconds (heartbeats)
 *   q             end the script here
 *   x, x 1 2      any other single letter: a command of the lab team's own,
 *                 sent as written for the robot to judge
 *
 * Ranges (alex_message.h, the same the robot enforces): distance
 * 0..ALEX_MAX_DISTANCE_CM cm, angle 0..ALEX_MAX_ANGLE_DEG degrees, power
 * 0..ALEX_MAX_POWER_PCT %. A value out of range is named with its range:
 * "power 150 is out of range 0-100 (%)".
 */
#ifndef SEETLS_ALEX_SCRIPT_H
#define SEETLS_ALEX_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "robot/alex_packet.h"

/* A wait step's longest: an hour. */
#define ALEX_MAX_WAIT_MS (3600L * 1000)
/* A step's text is kept for messages up to this many bytes. */
#define ALEX_STEP_TEXT_SIZE 48

typedef enum {
    ALEX_STEP_COMMAND,  /* a command for the robot */
    ALEX_STEP_WAIT,     /* keep the link alive for wait_ms */
    ALEX_STEP_QUIT,     /* end the script (or the session) here */
} alex_step_kind;

typedef struct {
    alex_step_kind kind;
    char key;           /* COMMAND: 'f', 'b', 'l', 'r', 's', 'c', 'g', or a
                           team's own letter */
    int has_params;     /* COMMAND: p1 and p2 were given */
    int32_t p1, p2;     /* distance (cm) or angle (degrees), power (%) */
    int no_wait;        /* a move that ends in '&' */
    long wait_ms;       /* WAIT */
    char text[ALEX_STEP_TEXT_SIZE]; /* the step as written, trimmed */
} alex_step;

typedef enum {
    ALEX_STEP_OK = 0,
    ALEX_STEP_SYNTAX,        /* not a step ("forward 50", "f 50", "wait x") */
    ALEX_STEP_OUT_OF_RANGE,  /* a value outside its range */
} alex_step_result;

/* How alex_step_parse reads a move without its numbers ("f"). */
enum {
    ALEX_STEP_SCRIPT = 0,        /* a syntax error: a script says it all */
    ALEX_STEP_PARAMS_LATER = 1,  /* allowed (has_params 0): the prompt asks
                                    for them next */
};

/* Parse one step (text up to its end; leading and trailing blanks
 * ignored). On failure, why says what is wrong with which value, e.g.
 * "distance 5000 is out of range 0-1000 (cm; 0 = until stopped)", or
 * "f needs a distance and a power: f 50 75". An empty text is a syntax
 * error ("an empty step"). */
alex_step_result alex_step_parse(const char *text, int mode, alex_step *step,
                                 char *why, size_t why_len);

/* Check a move's two numbers against their ranges (a key that is not a
 * move, f b l r, has none to check): ALEX_STEP_OK, or
 * ALEX_STEP_OUT_OF_RANGE with why naming the value and the range. */
alex_step_result alex_step_check_params(char key, long long p1, long long p2,
                                        char *why, size_t why_len);

/* 1 for the keys that move the robot: f, b, l, r. */
int alex_step_is_move(char key);

/* Going through a script's steps: ';' and new lines separate them, blank
 * steps are skipped. */
typedef struct {
    const char *next;
    int number;   /* of the step last returned, from 1 */
} alex_script_cursor;

void alex_script_begin(alex_script_cursor *c, const char *script);

/* The next step's result in *result and its parse in *step: 1, or 0 when
 * there is none left. On failure why starts with the step's number and
 * text: "step 2 'f 5000 50': distance 5000 is out of range ...". */
int alex_script_next(alex_script_cursor *c, alex_step *step,
                     alex_step_result *result, char *why, size_t why_len);

/* Check a whole script before any of it runs (a typo in step 5 should not
 * leave the robot after step 4): ALEX_STEP_OK, or the first failure with
 * why as alex_script_next says it. A script without a step is a syntax
 * error. */
alex_step_result alex_script_check(const char *script, char *why, size_t why_len);

/*
 * When is a move done? The robot says nothing when it finishes one; the
 * laptop asks for the status report (g) every ALEX_MOVE_POLL_MS and
 * watches the wheel counters, the firmware's ten (alex_packet.h):
 *   - forward or reverse: done when the distance counter (cm) has grown by
 *     the distance asked;
 *   - any move: done when no counter has changed for ALEX_MOVE_STILL_MS,
 *     once the robot has moved (or, if it never does, ALEX_MOVE_START_MS
 *     after the command: then it "did not move").
 * Polling costs one serial exchange each time (about 0.2 s at 9600 baud),
 * hence a quarter of a second between polls.
 */
#define ALEX_MOVE_POLL_MS  250
#define ALEX_MOVE_STILL_MS 500
#define ALEX_MOVE_START_MS 1000

typedef enum {
    ALEX_MOVE_GOING,
    ALEX_MOVE_DONE,            /* the distance reached, or still after moving */
    ALEX_MOVE_DID_NOT_MOVE,    /* no counter changed since the command */
} alex_move_state;

typedef struct {
    char key;
    int32_t amount;                        /* distance or angle asked */
    uint32_t before[ALEX_STAT_COUNT];      /* the counters before the move */
    uint32_t last[ALEX_STAT_COUNT];        /* at the latest poll */
    long long started_ms, changed_ms;
    int moved;
} alex_move_watch;

/* Start watching a move (key, amount) sent at now_ms, the counters read
 * just before it in before (a status report's params). */
void alex_move_watch_start(alex_move_watch *w, char key, int32_t amount,
                           const uint32_t before[ALEX_PARAM_COUNT], long long now_ms);

/* A status report's params at now_ms: whether the move is done. */
alex_move_state alex_move_watch_status(alex_move_watch *w,
                                       const uint32_t status[ALEX_PARAM_COUNT],
                                       long long now_ms);

#endif
