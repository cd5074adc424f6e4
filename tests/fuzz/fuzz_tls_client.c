/*
 * fuzz_tls_client.c: our client's handshake fed arbitrary bytes as
 * everything the server says (records, hellos, certificate, key exchange,
 * CCS, Finished, alerts), read in chunks of fuzz-chosen size, through
 * fuzz_peer (peer.h). The top bit of the first input byte relaxes the DH
 * group size rule (so small groups go further); the verify callback
 * accepts any certificate and gives a fixed RSA key.
 */
#include "tests/fuzz/peer.h"

static see_status accept_any(void *ctx, const certificate_msg *chain,
                             rsa_public_key *pub, tls_peer_cert *out)
{
    (void)ctx;
    (void)chain;
    (void)out;
    rsa_public_from_private(pub, peer_key(2048));
    return SEE_OK;
}

static void client_setup(tls_config *cfg, int top_bit)
{
    cfg->verify = accept_any;
    cfg->server_name = "robot.lab";
    cfg->min_dh_bits = top_bit ? 16 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_peer(data, size, TLS_ROLE_CLIENT, client_setup);
    return 0;
}
