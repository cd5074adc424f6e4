/*
 * alex_link.h: one connection between the laptop and the Pi, as the robot
 * code sees it: read with a timeout, write, close, and who is at the other
 * end. The secured link is TLS (our own handshake); a plaintext TCP link
 * exists only to show what an eavesdropper sees without TLS.
 *
 * A read or write that fails returns the status of the layer below,
 * unchanged (alex_status.h): the TLS link the record layer's or the
 * alert's (SEE_ERR_TLS_BAD_RECORD_MAC, SEE_ERR_TLS_ALERT_RECEIVED,
 * SEE_ERR_TLS_CLOSE_NOTIFY, SEE_ERR_TLS_CLOSED, SEE_ERR_TLS_IO, ...), the
 * plaintext link ALEX_STATUS_LINK_CLOSED. The program at the edge decides
 * from the status, and asks the link for the rest (alex_link_failure_get:
 * which alert, and the line the layer below would print).
 */
#ifndef SEETLS_ALEX_LINK_H
#define SEETLS_ALEX_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/tls.h"
#include "robot/alex_status.h"

/* The longest line alex_link_failure holds (longer ones are cut). */
#define ALEX_LINK_FAILURE_TEXT 160

/* What the layer below knows about a failed read or write, beyond its
 * status. */
typedef struct {
    see_status status;     /* the failure, as read or write returned it */
    int alert_sent;        /* TLS: the fatal alert we sent, or -1 */
    int alert_received;    /* TLS: the fatal alert the peer sent, or -1 */
    /* the status in the words of the layer below: "bad record MAC (sent
     * bad_record_mac)", "the peer sent the alert bad_record_mac" */
    char text[ALEX_LINK_FAILURE_TEXT];
} alex_link_failure;

typedef struct {
    void *ctx;
    /* SEE_OK with *got bytes read, *got = 0 when nothing arrived within
     * timeout_ms; any other status: the link is over, and why. */
    see_status (*read)(void *ctx, uint8_t *buf, size_t cap, int timeout_ms,
                       size_t *got);
    /* SEE_OK when every byte was written; else the link is over. */
    see_status (*write)(void *ctx, const uint8_t *buf, size_t len);
    /* Fill *out for the failure st of a read or write (alex_link_failure_get). */
    void (*explain)(void *ctx, see_status st, alex_link_failure *out);
    void (*close)(void *ctx);
    char peer[256];   /* the peer certificate's subject, or its address */
} alex_link;

/* A plaintext TCP link over a connected socket (takes ownership of fd). */
void alex_link_plain(alex_link *link, int fd, const char *peer);

/* What link knows about st, a failure its read or write returned. */
void alex_link_failure_get(const alex_link *link, see_status st,
                           alex_link_failure *out);

/* The tampering verdict for f (tls_tampering_of: a record whose MAC
 * failed, found by us or reported by the peer); a plaintext link's
 * failures are never tampering, as nothing there could tell. */
tls_tampering alex_link_tampering(const alex_link_failure *f);

#endif
