/*
 * server.c: the shortest TLS server on seetls. For each client in turn it
 * reads what the client sends and answers, naming the client's
 * certificate when CLIENT_CA_FILE makes one required. PORT 0 picks a free
 * port; the port is printed. It runs until it is stopped.
 *
 *   server PORT CERT_FILE KEY_FILE [CLIENT_CA_FILE]
 *
 * Built against an installed seetls (docs/library.md):
 *
 *   cc server.c $(pkg-config --cflags --libs seetls) -o server
 */
#include <stdio.h>

#include <seetls/seetls.h>

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: server PORT CERT_FILE KEY_FILE [CLIENT_CA_FILE]\n");
        return 2;
    }
    seetls_server_options options = {
        .cert_file = argv[2],
        .key_file = argv[3],
        .client_ca_file = argc > 4 ? argv[4] : NULL,
    };
    seetls_server *server;
    seetls_error err;
    if (seetls_listen(argv[1], &options, &server, &err) != SEETLS_OK) {
        fprintf(stderr, "server: %s\n", err.text);
        return 1;
    }
    printf("listening on port %u\n", seetls_server_port(server));
    fflush(stdout);

    for (;;) {
        seetls_conn *conn;
        if (seetls_accept(server, &conn, &err) != SEETLS_OK) {
            fprintf(stderr, "server: %s\n", err.text);
            continue; /* that client failed; the next may not */
        }
        const char *who = seetls_peer(conn)[0] != '\0' ? seetls_peer(conn) : "stranger";
        char said[4096], answer[5000];
        size_t got;
        if (seetls_read(conn, said, sizeof said, &got, &err) == SEETLS_OK) {
            int n = snprintf(answer, sizeof answer, "hello %s, you said: %.*s", who,
                             (int)got, said);
            size_t len = (size_t)n < sizeof answer ? (size_t)n : sizeof answer - 1;
            seetls_write(conn, answer, len, &err);
        } else {
            fprintf(stderr, "server: %s\n", err.text);
        }
        seetls_close(conn);
    }
}
