/*
 * fuzz_tls_server.c: our server's handshake fed arbitrary bytes as
 * everything the client says (records, hellos, key exchange, CCS,
 * Finished, alerts), read in chunks of fuzz-chosen size, through
 * fuzz_peer (peer.h). The top bit of the first input byte allows the DHE
 * suite; the server's RSA key is fixed and its certificate a stub.
 */
#include "tests/fuzz/peer.h"

static const uint8_t fake_cert[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };

static void server_setup(tls_config *cfg, int top_bit)
{
    cfg->key = peer_key(1024);
    cfg->chain.count = 1;
    cfg->chain.cert[0] = fake_cert;
    cfg->chain.cert_len[0] = sizeof fake_cert;
    /* DHE (2048-bit) costs a key generation and a signature per input:
     * mostly RSA, sometimes both. */
    if (!top_bit) {
        cfg->suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
        cfg->suite_count = 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_peer(data, size, TLS_ROLE_SERVER, server_setup);
    return 0;
}
