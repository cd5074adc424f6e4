/* alex_link.c: what every link shares (see alex_link.h). */
#include "robot/alex_link.h"

void alex_link_failure_get(const alex_link *link, see_status st,
                           alex_link_failure *out)
{
    link->explain(link->ctx, st, out);
}

tls_tampering alex_link_tampering(const alex_link_failure *f)
{
    return tls_tampering_of(f->status, f->alert_received);
}
