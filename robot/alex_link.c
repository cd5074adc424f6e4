/* alex_link.c: what every link shares (see alex_link.h). */
#include "robot/alex_link.h"

#include "handshake/alert.h"

void alex_link_failure_get(const alex_link *link, see_status st,
                           alex_link_failure *out)
{
    link->explain(link->ctx, st, out);
}

alex_tampering alex_link_tampering(const alex_link_failure *f)
{
    if (f->status == SEE_ERR_TLS_BAD_RECORD_MAC)
        return ALEX_TAMPERING_FOUND;
    if (f->status == SEE_ERR_TLS_ALERT_RECEIVED && f->alert_received == ALERT_BAD_RECORD_MAC)
        return ALEX_TAMPERING_REPORTED;
    return ALEX_NO_TAMPERING;
}
