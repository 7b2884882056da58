# shellcheck shell=bash
# Shared by the USB guest plans (station_usb_plan.sh, dfu_plan.sh), sourced on the host and in
# the guest: who acts, one line per check and the waits they use, the store the host part made,
# udevd.
badge=OP-0001U
pin=2468
technician=OP-0002S
passed=0
failed=0
check() { # check NAME COMMAND...: one line per check
    local name=$1
    shift
    if "$@"; then
        echo "ok - $name"
        passed=$((passed + 1))
    else
        echo "FAIL - $name"
        failed=$((failed + 1))
    fi
}
# wait_for FILE PATTERN [SECONDS]: until a line of FILE matches the extended regex PATTERN.
wait_for() {
    local deadline=$((SECONDS + ${3:-30}))
    until grep -qE -- "$2" "$1" 2> /dev/null; do
        ((SECONDS < deadline)) || {
            echo "  (no line matching '$2' in $1 after ${3:-30} s)"
            return 1
        }
        sleep 0.2
    done
}
has() { grep -qE -- "$2" "$1"; }
# wait_count FILE PATTERN COUNT [SECONDS]: until COUNT lines of FILE match PATTERN.
wait_count() {
    local deadline=$((SECONDS + ${4:-30}))
    until (($(grep -cE -- "$2" "$1" 2> /dev/null) >= $3)); do
        ((SECONDS < deadline)) || {
            echo "  (fewer than $3 lines matching '$2' in $1 after ${4:-30} s)"
            return 1
        }
        sleep 0.2
    done
}
elapsed() { echo "  ($1 at $SECONDS s)"; }

# guest_store: the store, PIN file (0600) and operator as the integration harness gives its
# children, copied from what the host part made; st runs the station on it. Logs go to $log.
guest_store() {
    work=/tmp/station
    mkdir -p "$work"
    cp "$RS_WORK/store/station.db" "$RS_WORK/store/pin" "$work/"
    cp -r "$RS_WORK/store/station.db.firmware" "$work/" # the catalog's images live beside the store
    chmod 600 "$work/pin"
    touch "$work/station.toml"
    export STATION_PIN_FILE=$work/pin STATION_OPERATOR=$badge
    log=$RS_WORK
}
st() { "$STATION" --db "$work/station.db" --config "$work/station.toml" "$@"; }

# udevd, as on a bench: libusb's device list follows its events (without it a re-plugged device
# is never seen again), and it makes the /dev/serial/by-id and /dev/input/by-id names.
start_udevd() {
    mkdir -p /run/udev
    /lib/systemd/systemd-udevd --daemon --resolve-names=never 2> "$log/udevd.txt"
}

# summary: the last line the runner reads.
summary() { echo "$passed passed, $failed failed"; }

# prepare_host_store (the plans' host part, before the guest boots): the store with its people
# and PINs, the demo RMAs and the firmware catalog (dfu_prepare_vendor), which are not under test.
prepare_host_store() {
    store=$RS_WORK/store
    mkdir -p "$store/vendor"
    printf '%s\n' "$pin" > "$store/pin"
    chmod 600 "$store/pin"
    export STATION_PIN_FILE=$store/pin STATION_OPERATOR=$badge
    st() { "$STATION" --db "$store/station.db" --config /dev/null "$@" 2>> "$store/prepare.log"; }
    {
        st init --operator "$badge" --name "Wang Fang" --role warehouse
        printf '%s\n' "$pin" | st operators set-pin "$badge"
        st operators add --badge 2 --name "Zhao Lei" --role technician
        printf '%s\n' "$pin" | st operators set-pin "$technician"
        # A flashing script's token (bench/firmware's flash acts with it; the test's with a PIN).
        st operators add-token "flashing line" --role technician > "$store/token"
        st rma import "$RS_SOURCE/examples/demo-rmas.json"
    } >> "$store/prepare.log"
    dfu_prepare_vendor "$store"
}

# run_host_part "$@": with --host (run_guest.sh runs the plan so on the host before the boot),
# prepares the store and ends the plan there.
run_host_part() {
    [[ ${1:-} == --host ]] || return 0
    set -e
    prepare_host_store
    exit 0
}
