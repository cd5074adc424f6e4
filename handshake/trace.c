/* trace.c: numbering and delivering trace events (see trace.h). */
#include "handshake/trace.h"

#include "core/util.h"

void trace_init(tracer *t, trace_fn *fn, void *ctx)
{
    t->fn = fn;
    t->ctx = ctx;
    t->step = 0;
}

void trace_emit(tracer *t, trace_party sender, const char *name,
                const uint8_t *bytes, size_t len, const char *explain)
{
    if (t == NULL || t->fn == NULL)
        return;
    trace_event event = {
        .step = ++t->step,
        .sender = sender,
        .name = name,
        .bytes = bytes,
        .len = len,
        .explain = explain,
    };
    t->fn(t->ctx, &event);
}

void trace_emit_u64(tracer *t, trace_party sender, const char *name,
                    uint64_t value, const char *explain)
{
    uint8_t be[8];
    see_store64_be(be, value);
    trace_emit(t, sender, name, be, sizeof be, explain);
}

const char *trace_party_name(trace_party p)
{
    return p == TRACE_CLIENT ? "client" : "server";
}
