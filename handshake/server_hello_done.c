/* server_hello_done.c: ServerHelloDone, RFC 5246 7.4.5: an empty body,
 * "the server is done sending messages to support the key exchange". */
#include "handshake/messages.h"

see_status server_hello_done_encode(writer *w)
{
    size_t msg;
    TRY(hs_begin(w, HS_SERVER_HELLO_DONE, &msg));
    return hs_end(w, msg);
}

see_status server_hello_done_decode(reader *body)
{
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}
