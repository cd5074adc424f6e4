/*
 * input.c: the exact-size copy of a fuzz input and the check that a field
 * lies inside it (see input.h).
 */
#include "tests/fuzz/input.h"

#include <stdlib.h>
#include <string.h>

static const uint8_t *start, *end;

uint8_t *input_copy(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, data, size);
    start = copy;
    end = copy + size;
    return copy;
}

void input_inside(const uint8_t *p, size_t n)
{
    if (n > 0 && (p < start || p > end || n > (size_t)(end - p)))
        abort();
}
