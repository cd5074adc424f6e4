/* fuzz_alex_frame.c: the serial framer and the network message reader must
 * take any byte stream, cut anywhere, without crashing or reading past it. */
#include <stddef.h>
#include <stdint.h>

#include "robot/alex_message.h"
#include "robot/alex_packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    /* The first byte chooses the piece size the stream arrives in. */
    size_t step = 1 + data[0] % 64;
    data++;
    size--;

    alex_framer f;
    alex_packet packet;
    alex_framer_init(&f);
    for (size_t pos = 0; pos < size;) {
        size_t n = size - pos < step ? size - pos : step, used;
        alex_framer_feed(&f, data + pos, n, &used, &packet);
        pos += used;
    }

    alex_message_reader r;
    alex_message m;
    see_status st = SEE_OK;
    alex_message_reader_init(&r);
    for (size_t pos = 0; pos < size && st == SEE_OK;) {
        size_t n = size - pos < step ? size - pos : step, used;
        int whole;
        st = alex_message_reader_feed(&r, data + pos, n, &used, &m, &whole);
        pos += used;
    }
    alex_message_decode(data, size, &m);
    return 0;
}
