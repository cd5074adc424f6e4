/*
 * finished.c: Finished, RFC 5246 7.4.9: the first message under the new
 * keys, proving both sides saw the same handshake:
 *
 *   struct { opaque verify_data[verify_data_length]; } Finished;
 *   verify_data = PRF(master_secret, finished_label,
 *                     Hash(handshake_messages))[0..11]
 *
 * (the slides' FINISHED MAC; computed by prf_finished, compared by the
 * state machine in constant time). verify_data_length is 12 for our
 * suites, so the body is exactly 12 bytes.
 */
#include "handshake/messages.h"

see_status finished_encode(writer *w, const finished_msg *m)
{
    size_t msg;
    TRY(hs_begin(w, HS_FINISHED, &msg));
    TRY(writer_bytes(w, m->verify_data, sizeof m->verify_data));
    return hs_end(w, msg);
}

see_status finished_decode(reader *body, finished_msg *m)
{
    TRY_DECODE(reader_copy(body, m->verify_data, sizeof m->verify_data));
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}
