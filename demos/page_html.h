/*
 * page_html.h: demo-handshake's --html page and --svg diagram, from a
 * page_capture of the run (demos/page_capture.h).
 *
 * The page is one self-contained file (inline CSS, no script, nothing
 * fetched), in the spirit of The Illustrated TLS 1.2 Connection but of
 * this run: the sequence diagram; each derived value (PS, the session
 * hash, the master secret, I_B, I_S, C_B, C_S, each FINISHED MAC) once,
 * with its formula and links to its inputs; then every record, in the
 * order written, every byte in one annotated leaf (demos/page_fields.h),
 * and each protected record opened: IV, ciphertext, the decryption with
 * C_B or C_S, the plaintext and its padding, the MAC recomputed with I_B
 * or I_S over seq || header || content (or IV || ciphertext with
 * Encrypt-then-MAC) and compared with the one received, good in green,
 * failed in red (--tamper).
 */
#ifndef SEETLS_DEMOS_PAGE_HTML_H
#define SEETLS_DEMOS_PAGE_HTML_H

#include <stdio.h>

#include "demos/page_capture.h"

/* What the page says about how the run was made. */
typedef struct {
    const char *program_line; /* the command, e.g. "demo-handshake --kx rsa" */
    const char *outcome;      /* one line: "handshake done" or the failure */
} page_run;

/* The command as the page shows it: the program's name without its
 * folder, then its arguments, into out[0..cap). */
void page_command_line(char *out, size_t cap, int argc, char **argv);

/* The page of cap (opened with page_capture_open) into f. */
void page_write_html(FILE *f, const page_capture *cap, const page_run *run);

/* The sequence diagram alone, as SVG: one arrow per handshake message,
 * ChangeCipherSpec, alert and piece of application data. */
void page_write_svg(FILE *f, const page_capture *cap);

#endif
