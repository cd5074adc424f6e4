/* fuzz_alex_script.c: alex-client's script and prompt reader must take any
 * text without crashing or reading past it, and let through only steps
 * whose values are in range; the move watch any counters. */
#include <stdlib.h>
#include <string.h>

#include "robot/alex_message.h"
#include "robot/alex_script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_in_range(const alex_step *s)
{
    if (s->kind != ALEX_STEP_COMMAND || !alex_step_is_move(s->key) || !s->has_params)
        return;
    int32_t max = s->key == 'f' || s->key == 'b' ? ALEX_MAX_DISTANCE_CM : ALEX_MAX_ANGLE_DEG;
    if (s->p1 < 0 || s->p1 > max || s->p2 < 0 || s->p2 > ALEX_MAX_POWER_PCT)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char why[300];
    alex_script_check(text, why, sizeof why);

    alex_script_cursor c;
    alex_step step;
    alex_step_result r;
    alex_script_begin(&c, text);
    while (alex_script_next(&c, &step, &r, why, sizeof why))
        if (r == ALEX_STEP_OK)
            check_in_range(&step);
    if (alex_step_parse(text, ALEX_STEP_PARAMS_LATER, &step, why, sizeof why) == ALEX_STEP_OK)
        check_in_range(&step);

    /* the same bytes as counters, before and after a move */
    uint32_t before[ALEX_PARAM_COUNT] = {0}, now[ALEX_PARAM_COUNT] = {0};
    memcpy(before, data, size < sizeof before ? size : sizeof before);
    if (size > sizeof before)
        memcpy(now, data + sizeof before,
               size - sizeof before < sizeof now ? size - sizeof before : sizeof now);
    alex_move_watch w;
    alex_move_watch_start(&w, size > 0 ? (char)data[0] : 'f', (int32_t)(size % 1001), before, 0);
    alex_move_watch_status(&w, now, 250);
    alex_move_watch_status(&w, now, 1000);
    free(text);
    return 0;
}
