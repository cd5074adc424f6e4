#include "slides_examples/slides.h"
int example_subst(slide_ctx *ctx) { (void)ctx; return 0; }
