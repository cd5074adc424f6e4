#!/bin/sh
# The option parser every seetls command shares (cli/options.c): --help and
# -h, usage errors, and how values are read (the last one given, GNU
# abbreviations and --opt=value, operands anywhere, "--"), then each kind
# of option (CLI_SET, CLI_ONE_OF, CLI_SIZE, CLI_CALL) once.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1

# expect_err NAME STATUS "TEXT" COMMAND...: exit STATUS, nothing on standard
# output, and TEXT in the first line of standard error.
expect_err() {
    name=$1 want=$2 text=$3
    shift 3
    "$@" >out 2>err
    got=$?
    first=$(head -n 1 err)
    if [ "$got" = "$want" ] && [ ! -s out ] && printf '%s' "$first" | grep -qF -- "$text"
    then pass; else fail "$name: exit $got (wanted $want), first line '$first'"; fi
}

# ------------------------------------------- every command, alike ---

commands=$("$SEETLS" --help | sed -n '/^commands:/,$p' | awk 'NR > 1 {print $1}')
expect_eq "the command list is read" 18 "$(echo "$commands" | wc -l)"
for c in $commands; do
    "$SEETLS" "$c" --help >help.out 2>help.err
    expect_eq "$c --help: exit 0" 0 $?
    case $(head -n 1 help.out) in
        "usage: seetls $c"*) pass ;;
        *) fail "$c --help: '$(head -n 1 help.out)' is not its usage" ;;
    esac
    expect_eq "$c --help: nothing on stderr" "" "$(cat help.err)"
    "$SEETLS" "$c" -h >h.out 2>/dev/null
    expect_same_file "$c -h is --help" help.out h.out
    # ca reads its action first: the options of each action are below.
    [ "$c" = ca ] && continue
    if [ "$c" = enc ]; then
        expect_err "$c: unknown option" 2 "seetls enc: unknown option '--no-such-option'" \
            "$SEETLS" "$c" --no-such-option
        expect_eq "$c: unknown option in one line" 1 "$(wc -l <err)"
    else
        expect_err "$c: unknown option" 2 "unrecognized option '--no-such-option'" \
            "$SEETLS" "$c" --no-such-option
        expect_eq "$c: unknown option, then the usage" \
            "$(head -n 1 help.out)" "$(sed -n 2p err)"
    fi
done
"$SEETLS" ca --help >ca.out
for a in init issue show verify; do
    "$SEETLS" ca "$a" --help >a.out 2>/dev/null
    expect_same_file "ca $a --help is ca's help" ca.out a.out
    expect_err "ca $a: unknown option" 2 "unrecognized option '--no-such-option'" \
        "$SEETLS" ca "$a" --no-such-option
done

# --------------------------------------------------- reading values ---

printf 'the message\n' >msg
want=$("$SEETLS" hmac --key 0102 msg)
expect_eq "--key VALUE = --key=VALUE" "$want" "$("$SEETLS" hmac --key=0102 msg)"
expect_eq "-k VALUE" "$want" "$("$SEETLS" hmac -k 0102 msg)"
expect_eq "-kVALUE" "$want" "$("$SEETLS" hmac -k0102 msg)"
expect_eq "an abbreviation (--ke)" "$want" "$("$SEETLS" hmac --ke 0102 msg)"
expect_eq "the last value given wins" "$want" "$("$SEETLS" hmac --key 00 --key 0102 msg)"
expect_eq "an operand before the options" "$want" "$("$SEETLS" hmac msg --key 0102)"
expect_err "a value missing" 2 "option '--key' requires an argument" \
    "$SEETLS" hmac --key
expect_err "a short option's value missing" 2 "option requires an argument -- 'k'" \
    "$SEETLS" hmac -k
expect_err "an ambiguous abbreviation" 2 "is ambiguous" "$SEETLS" prf --s 00
expect_err "a long-only option has no letter" 2 "invalid option -- 'I'" \
    "$SEETLS" dh -I --params x
expect_err "-- ends the options" 1 "seetls sha256: -h: No such file" \
    "$SEETLS" sha256 -- -h
expect_err "enc: a value missing, in one line" 2 \
    "seetls enc: --key needs a value (see seetls enc --help)" "$SEETLS" enc --key

# ------------------------------------------------- each kind, once ---

K=000102030405060708090a0b0c0d0e0f
"$SEETLS" enc -c aes-128-cbc -k $K -i $K --in msg >enc.out
"$SEETLS" enc -c aes-128-cbc -k $K -i $K --in msg -d -e >enc2.out
expect_same_file "CLI_SET: --encrypt after --decrypt encrypts" enc.out enc2.out
expect_err "CLI_ONE_OF: two different" 1 "seetls pkeyutl: only one of --encrypt, --decrypt, --derive" \
    "$SEETLS" pkeyutl -e -d
expect_err "CLI_ONE_OF: the same twice" 1 "seetls pkeyutl: --key FILE is required" \
    "$SEETLS" pkeyutl -e --encrypt
expect_err "CLI_SIZE: above its maximum" 1 \
    "seetls prf: --length: must be a whole number from 0 to 65536: 65537" \
    "$SEETLS" prf --secret 00 --label x --seed 00 --length 65537
expect_err "CLI_SIZE: not a number" 1 "seetls dhparam: --bits: not a number: x" \
    "$SEETLS" dhparam --bits x
expect_err "CLI_CALL: refused" 1 "seetls pkeyutl: --pad des: pkcs1 or oaep" \
    "$SEETLS" pkeyutl --pad des
expect_err "CLI_CALL: refused before a later unknown option is read" 1 \
    "seetls ca: --purpose: server or client, not 'x'" \
    "$SEETLS" ca verify --purpose x --no-such-option
expect_err "unexpected argument" 1 "seetls rsa: unexpected argument 'extra'" \
    "$SEETLS" rsa --in x extra

finish cli-options
