/*
 * alex_drive.h: driving Alex from the keyboard (alex-client --drive): which
 * key drives where, and when a key held down counts as released.
 *
 * A terminal tells a program nothing about keys going up or down: it only
 * delivers characters. A key held down gives its character once, then,
 * after the keyboard's autorepeat delay (500-660 ms on most systems), again
 * at the repeat rate (25-33 a second):
 *
 *   w ..........(delay)........ w w w w w w w w w w w      (released)
 *   |<-- up to 700 ms -->|      |<-33 ms->|                |<- 100 ms ->| stop
 *
 * So a key counts as held:
 *   - after its first character, until ALEX_DRIVE_FIRST_REPEAT_MS pass
 *     without another (longer than any usual autorepeat delay, so a held
 *     key drives smoothly from the first press: a tap drives that long);
 *   - once repeats flow, until 2.5 repeat periods pass without one (the
 *     period measured as the longest of the last ALEX_DRIVE_GAPS gaps
 *     between repeats, so that one late character does not stop the
 *     robot), and never less than ALEX_DRIVE_MIN_GAP_MS nor more than
 *     ALEX_DRIVE_MAX_GAP_MS.
 * A different key replaces the one held (autorepeat repeats only the last
 * key pressed). Heartbeats are not the keyboard's business: the client
 * sends them on their own clock (ALEX_HEARTBEAT_MS), whatever the keys do.
 */
#ifndef SEETLS_ALEX_DRIVE_H
#define SEETLS_ALEX_DRIVE_H

#define ALEX_DRIVE_FIRST_REPEAT_MS 700
#define ALEX_DRIVE_MIN_GAP_MS 100
#define ALEX_DRIVE_MAX_GAP_MS 300
#define ALEX_DRIVE_GAPS 4

/* The robot's command for a driving key: w/W forward 'f', s/S reverse 'b',
 * a/A left 'l', d/D right 'r'; 0 for any other character. */
char alex_drive_command(char c);

typedef struct {
    char key;                      /* the command held, or 0 */
    long long first_ms, last_ms;   /* its first and latest characters */
    int repeats;                   /* characters after the first: 0, 1,
                                      or 2 for more */
    long long gaps[ALEX_DRIVE_GAPS]; /* the latest gaps between repeats */
    int gap_count;                 /* how many of gaps are filled */
    int next_gap;                  /* where the next gap goes */
} alex_held_key;

void alex_held_init(alex_held_key *h);

/* A character for command key arrived at now_ms: 1 when it is a new press
 * (no key held, or another key), 0 when it repeats the key held. */
int alex_held_press(alex_held_key *h, char key, long long now_ms);

/* When the key held counts as released, in CLOCK_MONOTONIC ms, unless
 * another character comes first; -1 when no key is held. */
long long alex_held_release_at(const alex_held_key *h);

/* 1 when the key held counts as released at now_ms (and it is then
 * forgotten), 0 otherwise. */
int alex_held_released(alex_held_key *h, long long now_ms);

/* Forget the key held (space: stop now). */
void alex_held_forget(alex_held_key *h);

#endif
