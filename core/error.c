/* error.c: the name table of the error vocabulary (see error.h). */
#include "core/error.h"

static const char *const status_text[SEE_STATUS_COUNT] = {
#define SEE_STATUS_TEXT(name, text) [name] = text,
    SEE_STATUS_LIST(SEE_STATUS_TEXT)
#undef SEE_STATUS_TEXT
};

const char *see_strerror(see_status status)
{
    if ((unsigned)status >= SEE_STATUS_COUNT)
        return "unknown error";
    return status_text[status];
}
