#include "slides_examples/slides.h"
int example_keysize(slide_ctx *ctx) { (void)ctx; return 0; }
