/*
 * alex_link.h: one connection between the laptop and the Pi, as the robot
 * code sees it: read with a timeout, write, close, and who is at the other
 * end. The secured link is TLS (our own handshake); a plaintext TCP link
 * exists only to show what an eavesdropper sees without TLS.
 */
#ifndef SEETLS_ALEX_LINK_H
#define SEETLS_ALEX_LINK_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    void *ctx;
    /* > 0: bytes read; 0: nothing arrived within timeout_ms; -1: the link
     * closed or failed. */
    int (*read)(void *ctx, uint8_t *buf, size_t cap, int timeout_ms);
    /* 0 when every byte was written, -1 on failure. */
    int (*write)(void *ctx, const uint8_t *buf, size_t len);
    void (*close)(void *ctx);
    char peer[256];   /* the peer certificate's subject, or its address */
    char error[160];  /* why the last read or write failed, when known */
} alex_link;

/* A plaintext TCP link over a connected socket (takes ownership of fd). */
void alex_link_plain(alex_link *link, int fd, const char *peer);

#endif
