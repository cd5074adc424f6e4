/* common_session.c: S in a thread of its own (see common_session.h). */
#include "demos/common_session.h"

static void *server_main(void *arg)
{
    demo_server *s = arg;
    s->status = tls_handshake(s->conn);
    int stop = 0;
    while (s->status == SEE_OK && !stop) {
        uint8_t buf[DEMO_SERVER_READ];
        size_t got = 0;
        if (tls_read(s->conn, buf, sizeof buf, &got) != SEE_OK)
            break;
        if (s->on_data != NULL)
            stop = s->on_data(s->ctx, s->conn, buf, got);
    }
    if (s->status == SEE_OK)
        tls_close(s->conn);
    transport_close(s->io);
    return NULL;
}

int demo_server_start(demo_server *s, tls_conn *conn, const transport *io,
                      demo_on_data on_data, void *ctx)
{
    s->conn = conn;
    s->io = io;
    s->on_data = on_data;
    s->ctx = ctx;
    s->status = SEE_OK;
    return pthread_create(&s->thread, NULL, server_main, s) == 0 ? 0 : -1;
}

see_status demo_server_join(demo_server *s)
{
    pthread_join(s->thread, NULL);
    return s->status;
}
