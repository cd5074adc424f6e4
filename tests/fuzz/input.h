/*
 * input.h: the fuzz input as the code under test should see it. libFuzzer
 * may hand over a larger buffer; input_copy puts the bytes in a heap block
 * of exactly their size, so AddressSanitizer reports a read of even one
 * byte past the end. input_inside then checks that a field a decoder
 * points at lies inside that copy. Built once (tests/fuzz/input.c) and
 * linked into every target.
 */
#ifndef SEETLS_FUZZ_INPUT_H
#define SEETLS_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

/* The first size bytes of data in a new heap block (free it), or NULL. */
uint8_t *input_copy(const uint8_t *data, size_t size);

/* abort() unless the n bytes at p lie inside the last input_copy. */
void input_inside(const uint8_t *p, size_t n);

#endif
