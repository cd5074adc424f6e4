/*
 * common_session.h: what every demo that runs our client (B) and our
 * server (S) in one program shares: S in a thread of its own.
 *
 *   demo_server_start  S's handshake, then each piece of application data
 *                      it reads handed to the demo's on_data (which may
 *                      answer), until B closes or on_data says stop; then
 *                      S's close_notify and its transport closed
 *   demo_server_join   wait for S; its handshake's status
 *
 * Built once (demos/common_session.c) and linked into every demo.
 */
#ifndef SEETLS_DEMOS_COMMON_SESSION_H
#define SEETLS_DEMOS_COMMON_SESSION_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/tls.h"

/* What S does with data it read: return 0 to read on, 1 to stop reading
 * (S then closes). server is S's connection, to answer with tls_write. */
typedef int (*demo_on_data)(void *ctx, tls_conn *server, const uint8_t *data,
                            size_t len);

/* The largest piece of data handed to on_data at once. */
#define DEMO_SERVER_READ 256

typedef struct {
    tls_conn *conn;
    const transport *io;    /* the transport conn was made with */
    demo_on_data on_data;   /* may be NULL: what is read is dropped */
    void *ctx;
    see_status status;      /* the handshake's */
    pthread_t thread;
} demo_server;

/* Start S on conn (made by tls_conn_init with io). 0, or -1 if the thread
 * could not start (then nothing runs). */
int demo_server_start(demo_server *s, tls_conn *conn, const transport *io,
                      demo_on_data on_data, void *ctx);

/* Wait for S to finish; its handshake's status. */
see_status demo_server_join(demo_server *s);

#endif
