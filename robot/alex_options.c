/* alex_options.c: the robot programs' whole-number options (see
 * alex_options.h). */
#include "robot/alex_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int alex_option_int(const char *program, const char *name, const char *text,
                    int min, int max, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno == ERANGE) {
        fprintf(stderr, "%s: --%s %s is not a whole number (%d-%d)\n", program, name,
                text, min, max);
        return -1;
    }
    if (v < min || v > max) {
        fprintf(stderr, "%s: --%s %s is out of range %d-%d\n", program, name, text, min,
                max);
        return -1;
    }
    *out = (int)v;
    return 0;
}
