# lib-deps.sh: sourced by deps.sh and deps-cross.sh. Which Debian packages
# of a list are missing, then either installing them with apt-get (as root)
# or printing the commands to run as root.

# deps_installed PKG: true when dpkg has PKG installed.
deps_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# deps_missing PKG...: prints those not installed, each after a space
# (nothing when all are there).
deps_missing() {
    for pkg in "$@"; do
        deps_installed "$pkg" || printf ' %s' "$pkg"
    done
}

# deps_tell_root WHO MISSING [COMMAND...]: on stderr, what WHO needs and
# the commands to run as root: each COMMAND, then apt-get. Returns 1.
deps_tell_root() {
    who=$1 missing=$2
    shift 2
    echo "$who needs these Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    for line in "$@"; do
        echo "    $line" >&2
    done
    echo "    apt-get update && apt-get install -y$missing" >&2
    return 1
}

# deps_apt_install TAG LOG MISSING: apt-get update and install, quietly,
# its output in LOG; on failure the end of LOG on stderr and returns 1.
# TAG begins the lines it prints ("deps: installing ...").
deps_apt_install() {
    tag=$1 log=$2 missing=$3
    echo "$tag: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    # $missing unquoted: one word per package.
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
        echo "$tag: apt-get failed; its log follows" >&2
        tail -n 30 "$log" >&2
        return 1
    fi
    echo "$tag: installed$missing"
}
