/* alex_drive.c: driving keys and when a held key counts as released (see
 * alex_drive.h). */
#include "robot/alex_drive.h"

#include <string.h>

char alex_drive_command(char c)
{
    switch (c) {
    case 'w': case 'W': return 'f';
    case 's': case 'S': return 'b';
    case 'a': case 'A': return 'l';
    case 'd': case 'D': return 'r';
    default:            return 0;
    }
}

void alex_held_init(alex_held_key *h)
{
    memset(h, 0, sizeof *h);
}

void alex_held_forget(alex_held_key *h)
{
    alex_held_init(h);
}

int alex_held_press(alex_held_key *h, char key, long long now_ms)
{
    if (h->key != key) {
        alex_held_init(h);
        h->key = key;
        h->first_ms = h->last_ms = now_ms;
        return 1;
    }
    /* The gap before the first repeat is the autorepeat delay, not its
     * period: only the gaps after it measure the period. */
    if (h->repeats > 0) {
        h->gaps[h->next_gap] = now_ms - h->last_ms;
        h->next_gap = (h->next_gap + 1) % ALEX_DRIVE_GAPS;
        if (h->gap_count < ALEX_DRIVE_GAPS)
            h->gap_count++;
    }
    if (h->repeats < 2)
        h->repeats++; /* (only none, one, or more matter) */
    h->last_ms = now_ms;
    return 0;
}

/* How long after the latest repeat the key counts as released. */
static long long repeat_gap_limit(const alex_held_key *h)
{
    if (h->gap_count == 0)
        return ALEX_DRIVE_MAX_GAP_MS; /* one repeat: its period not yet known */
    long long period = 0;
    for (int i = 0; i < h->gap_count; i++)
        if (h->gaps[i] > period)
            period = h->gaps[i];
    long long limit = period * 5 / 2;
    if (limit < ALEX_DRIVE_MIN_GAP_MS)
        return ALEX_DRIVE_MIN_GAP_MS;
    return limit > ALEX_DRIVE_MAX_GAP_MS ? ALEX_DRIVE_MAX_GAP_MS : limit;
}

long long alex_held_release_at(const alex_held_key *h)
{
    if (h->key == 0)
        return -1;
    if (h->repeats == 0)
        return h->first_ms + ALEX_DRIVE_FIRST_REPEAT_MS;
    return h->last_ms + repeat_gap_limit(h);
}

int alex_held_released(alex_held_key *h, long long now_ms)
{
    long long at = alex_held_release_at(h);
    if (at < 0 || now_ms < at)
        return 0;
    alex_held_forget(h);
    return 1;
}
