#!/bin/sh
# run_demo.sh BUILD_DIR: what `make demo` shows. For now: the session keys
# of TLS 1.2 derived from RB, RS and PS, one protected record, and a replay
# refused. (The live handshake demo replaces it once the handshake lands.)
set -u
build=${1:-build}
shift 2>/dev/null
"$build/demo-keys" "$@"
