/* util.c: wiping and constant-time comparison (see util.h). */
#include "core/util.h"

#include <string.h>

/* memset called through a volatile function pointer. A plain memset on
 * memory that is never read again may be removed by the optimiser; here
 * the compiler must load the pointer at run time and cannot know it is
 * memset, so the call always happens. (It is also several times faster
 * than storing one volatile byte at a time, which matters for HMAC on
 * short messages: every call wipes about 300 bytes of hash state.) */
static void *(*const volatile wipe_memset)(void *, int, size_t) = memset;

void see_wipe(void *p, size_t len)
{
    if (len > 0)
        wipe_memset(p, 0, len);
}

int see_ct_equal(const void *a, const void *b, size_t len)
{
    const uint8_t *x = a, *y = b;
    uint8_t diff = 0;
    for (size_t i = 0; i < len; i++)
        diff |= (uint8_t)(x[i] ^ y[i]);
    /* diff is 0 only when every byte matched; map that to 1 without a
     * data-dependent branch. */
    return (int)(1 & (((uint32_t)diff - 1) >> 8));
}

uint32_t see_ct_mask_eq(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;
    /* (x | -x) has its top bit set exactly when x != 0. */
    return ((x | (0u - x)) >> 31) - 1u;
}

uint32_t see_ct_mask_lt(uint32_t a, uint32_t b)
{
    /* The borrow out of a - b, computed on 33 bits without branching. */
    uint32_t borrow = (a ^ ((a ^ b) | ((a - b) ^ b))) >> 31;
    return 0u - borrow;
}
