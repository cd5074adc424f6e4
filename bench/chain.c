/*
 * chain.c: the robot benches' certificate chain file (chain.h).
 */
#include "bench/chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int bench_write_chain(char *path, int *made)
{
    int fd = mkstemp(path);
    *made = fd >= 0;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && out == NULL)
        close(fd);
    const char *parts[] = {"vectors/certs/server.pem", "vectors/certs/inter.pem"};
    for (int i = 0; out != NULL && i < 2; i++) {
        FILE *in = fopen(parts[i], "r");
        if (in == NULL) {
            fclose(out);
            return -1;
        }
        int ch;
        while ((ch = fgetc(in)) != EOF)
            fputc(ch, out);
        fclose(in);
    }
    return out != NULL && fclose(out) == 0 ? 0 : -1;
}
