/*
 * key_exchange.h: the key exchanges of the handshake, one file each, so
 * the next one (ECDHE) is a file beside them, not a branch inside the
 * handlers:
 *
 *   kx_rsa.c  RSA key transport (RFC 5246 7.4.7.1): the client encrypts
 *             PS under the server's certificate key
 *   kx_dhe.c  ephemeral Diffie-Hellman (RFC 5246 7.4.3, 7.4.7.2) in the
 *             groups of RFC 7919: both sides derive PS = g^(ab) mod p
 *   kx_ecdhe.c  ephemeral elliptic-curve Diffie-Hellman (RFC 8422) on
 *             x25519 (RFC 7748): both sides derive PS = a*(b*G) = b*(a*G)
 *
 * Each ends with PS in c->premaster (c->premaster_len bytes). Numbers
 * cross only as bytes: crypto/dh.h's bytes API takes the wire's values
 * and gives the wire's values, and our private exponent is bytes in the
 * connection, wiped once PS is made. Not for programs: use tls.h.
 */
#ifndef SEETLS_KEY_EXCHANGE_H
#define SEETLS_KEY_EXCHANGE_H

#include "handshake/tls_internal.h"

/* What the handshake needs to know of a key exchange, so that handlers
 * call through it instead of asking which one is in use. */
struct tls_key_exchange {
    const char *name;         /* as in the suites' names: "RSA", "DHE_RSA" */
    unsigned handshake_type;  /* its TLS_HS_* bits: TLS_HS_DHE or
                                 TLS_HS_ECDHE when the server sends a
                                 signed ServerKeyExchange */
    cke_kind cke;             /* the form of its ClientKeyExchange */
    /* RFC 5246 7.4.2: the keyUsage the server certificate's key needs
     * (when it has the extension). */
    tls_key_use key_use;
    /* Server: the group of supported_groups to run in (RFC 7919 4), or
     * SEE_ERR_TLS_NO_COMMON_GROUP; NULL for an exchange without groups. */
    see_status (*choose_group)(tls_conn *c, const client_hello *m);
    /* Client: 1 if the group (a NamedGroup of supported_groups) is one
     * this exchange runs in; NULL for an exchange without groups. */
    int (*runs_in_group)(uint16_t id);
    /* Server: send the ServerKeyExchange; client: take it in (both NULL
     * for an exchange without one). */
    see_status (*send_server_params)(tls_conn *c);
    see_status (*on_server_params)(tls_conn *c, reader *body);
    /* Client, on ServerHello (NULL: nothing to do then): our key pair
     * made as soon as the suite is known, while the server is still
     * signing its ServerKeyExchange, instead of after it. */
    see_status (*client_keypair)(tls_conn *c);
    /* Client: the ClientKeyExchange's contents into out (RSA: PS made and
     * encrypted; DH: our public value). */
    see_status (*client_exchange)(tls_conn *c, uint8_t *out, size_t cap,
                                  size_t *out_len);
    /* Client, once the ClientKeyExchange is sent (NULL: PS is made
     * already): PS from our private value and the server's public one.
     * The server makes its PS from the message at the same time. */
    see_status (*client_premaster)(tls_conn *c);
    /* Server: PS from the ClientKeyExchange's contents. */
    see_status (*server_premaster)(tls_conn *c, const uint8_t *in,
                                   size_t in_len);
};

extern const tls_key_exchange kx_rsa;
extern const tls_key_exchange kx_dhe;
extern const tls_key_exchange kx_ecdhe;

/* The connection's key-exchange state: set up empty, and wiped (every
 * secret) and freed. */
void kx_state_init(tls_conn *c);
void kx_state_free(tls_conn *c);

/* ------------------------------------------------------------ RSA --- */

/* Client: PS = client_version (03 03) + 46 random bytes, and PS
 * encrypted under the server's RSA key into out (the ClientKeyExchange's
 * contents). */
see_status kx_rsa_client_exchange(tls_conn *c, uint8_t *out, size_t cap,
                                  size_t *out_len);

/* Server: PS from the ClientKeyExchange's encrypted bytes. A bad
 * encryption gives a random PS, never an error (rsa_decrypt_premaster). */
see_status kx_rsa_server_premaster(tls_conn *c, const uint8_t *in,
                                   size_t in_len);

/* ------------------------------------------------------------ DHE --- */

/* Server: the group for DHE with this client into c->group (RFC 7919 4);
 * SEE_ERR_TLS_NO_COMMON_GROUP when the client lists finite field groups
 * but none of ours. */
see_status kx_dhe_choose_group(tls_conn *c, const client_hello *m);

/* 1 for a finite field group of RFC 7919 (one we know). */
int kx_dhe_runs_in_group(uint16_t id);

/* Room for the three numbers of a ServerKeyExchange. */
typedef struct {
    uint8_t p[DH_MAX_BYTES], g[DH_MAX_BYTES], ys[DH_MAX_BYTES];
} kx_dhe_numbers;

/* Server: our key pair in c->group; p, g and Ys = g^a mod p as the
 * ServerKeyExchange carries them, written into *numbers and pointed to by
 * m->p, m->g, m->ys. */
see_status kx_dhe_server_params(tls_conn *c, kx_dhe_numbers *numbers,
                                server_key_exchange *m);

/* Client: the server's p, g and Ys, already signature-checked: the group
 * (dh_group_set: 1 < g < p - 1, a named group recognised), then 1 < Ys <
 * p - 1 and Ys^q = 1 when q is known; Ys kept for PS. allow_insecure:
 * groups below DH_MIN_BITS accepted (the caller has applied its size
 * rule). */
see_status kx_dhe_client_params(tls_conn *c, const server_key_exchange *m,
                                int allow_insecure);

/* Client: our key pair, Yc = g^b mod p into out (the ClientKeyExchange's
 * contents). */
see_status kx_dhe_client_exchange(tls_conn *c, uint8_t *out, size_t cap,
                                  size_t *out_len);

/* Client, Yc sent: PS = Ys^b mod p; b wiped. */
see_status kx_dhe_client_premaster(tls_conn *c);

/* Server: the client's Yc checked, then PS = Yc^a mod p. */
see_status kx_dhe_server_premaster(tls_conn *c, const uint8_t *yc,
                                   size_t yc_len);

/* The ServerKeyExchange of each, sent (server.c) and taken in
 * (client.c): the handlers behind send_server_params and
 * on_server_params. */
see_status tls_send_dhe_params(tls_conn *c);
see_status tls_on_dhe_params(tls_conn *c, reader *body);
see_status tls_send_ecdhe_params(tls_conn *c);
see_status tls_on_ecdhe_params(tls_conn *c, reader *body);

/* ---------------------------------------------------------- ECDHE --- */

/* The slides' Diffie-Hellman on a curve (crypto/x25519.h), the names
 * kept: the server's a and Ys = a*G (the slides' A = g^a mod p), the
 * client's b and Yc = b*G (B), and PS = a*Yc = b*Ys, the 32-byte
 * u-coordinate X25519 gives (RFC 8422 5.10). Our private scalar lives in
 * c->ecdh_x only until PS is made. */

/* 1 for x25519, the one curve we run ECDHE on. */
int kx_ecdhe_runs_in_group(uint16_t id);

/* Server: x25519 when the client lists it, or lists no group at all
 * (RFC 8422 4: the server "is free to choose any one of the elliptic
 * curves"); SEE_ERR_TLS_NO_COMMON_CURVE when it lists groups but not
 * x25519, or x25519 is not among our configured groups. */
see_status kx_ecdhe_choose_group(tls_conn *c, const client_hello *m);

/* Server, before the ClientHello is read: our a and Ys = a*G, when the
 * configuration may choose ECDHE (else nothing). */
see_status kx_ecdhe_server_keypair(tls_conn *c);

/* Server: our a, and Ys = a*G into m (m->point points at c's copy):
 * named_curve x25519 (RFC 8422 5.4). */
see_status kx_ecdhe_server_params(tls_conn *c, server_ecdh_key_exchange *m);

/* Client: the server's params, already signature-checked: named_curve
 * x25519 only (SEE_ERR_TLS_ECDHE_CURVE, it is the one we offered) and a
 * 32-byte point (SEE_ERR_TLS_ECDHE_POINT); Ys kept for PS. */
see_status kx_ecdhe_client_params(tls_conn *c, const server_ecdh_key_exchange *m);

/* Client, on ServerHello: our b, and Yc = b*G kept for the
 * ClientKeyExchange. */
see_status kx_ecdhe_client_keypair(tls_conn *c);

/* Client: Yc into out (the ClientKeyExchange's point). */
see_status kx_ecdhe_client_exchange(tls_conn *c, uint8_t *out, size_t cap,
                                    size_t *out_len);

/* Client, Yc sent: PS = b*Ys; b wiped; SEE_ERR_X25519_ZERO_SECRET when PS
 * is all zeros (RFC 8422 5.11, RFC 7748 6.1). */
see_status kx_ecdhe_client_premaster(tls_conn *c);

/* Server: the client's Yc (32 bytes), PS = a*Yc, refused when all zeros
 * as above. a is wiped either way. */
see_status kx_ecdhe_server_premaster(tls_conn *c, const uint8_t *yc,
                                     size_t yc_len);

#endif
