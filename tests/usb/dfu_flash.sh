# shellcheck shell=bash
# The DFU device of the USB guest plans (sourced by station_usb_plan.sh and dfu_plan.sh): the
# vendor's image and catalog (host part), the DFU gadget on gadgetfs (dfu_gadget.cpp), and the
# flash of that gadget by `station firmware flash` and then by Debian's dfu-util, with the same
# file, each checked on the gadget's side and timed.
device_uri="usb://1209:2001?serial=W4-88321"

# dfu_prepare_vendor STORE (host): the vendor folder the catalog imports.
dfu_prepare_vendor() {
    local store=$1 image=$1/vendor/watch4-2.1.0.dfu
    # The vendor's image for the watch the DFU gadget plays: a firmware that names its version in
    # its first line (the gadget reports it after the flash), with the DFU suffix dfu-util's own
    # tool writes.
    { printf 'ACME-FW 2.1.0\n'; head -c 49152 /dev/urandom; } > "$image"
    dfu-suffix -a "$image" -v 1209 -p 2002 -d 0x0210 > /dev/null
    cat > "$store/vendor/firmware.json" << JSON
{"vendor": "Acme Wearables",
 "models": [{"model": "Watch 4", "revision": "", "vendor_id": "1209",
             "runtime_product_id": "2001", "dfu_product_id": "2002"}],
 "images": [{"file": "watch4-2.1.0.dfu", "version": "2.1.0", "fits": [{"model": "Watch 4"}]}]}
JSON
    st firmware import "$store/vendor" >> "$store/prepare.log"
}

# dfu_start_gadget (guest): gadgetfs binds to the first UDC still free when it is mounted.
dfu_start_gadget() {
    mkdir -p /dev/gadget "$log/dfu"
    mount -t gadgetfs gadgetfs /dev/gadget
    local ep0
    ep0=/dev/gadget/$(ls /dev/gadget | head -n1)
    "$USB_GADGET" dfu "$ep0" "$log/dfu" 1.2.0 > "$log/dfu.txt" 2>&1 &
    dfu_pid=$!
}
dfu_stop_gadget() {
    kill -TERM $dfu_pid
    wait $dfu_pid
}

# Both hosts run on the CPU the gadget holds at real-time priority (dfu_gadget.cpp: gadgetfs would
# otherwise let a host's next request overtake an unread DFU_DNLOAD).
on_gadget_cpu() { taskset -c 0 "$@"; }
# Times in microseconds from bash's own clock: no process started for it (each one costs a
# tenth of a second under TCG, and a stamp per line of output would slow what it measures).
now_us() { echo "${EPOCHREALTIME/./}"; }
ms_since() { echo $(((${EPOCHREALTIME/./} - $1) / 1000)); }
seconds() { echo "$(($1 / 1000)).$(printf %03d $(($1 % 1000)))"; }
# manifested N: the gadget's Nth manifested image is the payload (its SHA-256 as the gadget
# computed it, and the file it kept, byte for byte).
manifested() {
    wait_count "$log/dfu.txt" 'manifested ' "$1" 10 &&
        [[ $(grep 'manifested ' "$log/dfu.txt" | sed -n "$1p") == *"sha256 $payload_sha,"* ]] &&
        cmp "$payload" "$log/dfu/flashed-$1.bin"
}
# runtime_version (guest): the bcdDevice of the gadget back on the bus in run-time mode, from
# sysfs with bash's builtins only, as the station reads it from the device descriptor.
runtime_version() {
    local dir value
    for dir in /sys/bus/usb/devices/*; do
        [[ -r $dir/serial ]] || continue
        read -r value < "$dir/serial" && [[ $value == W4-88321 ]] || continue
        read -r value < "$dir/idProduct" && [[ $value == 2001 ]] || continue
        read -r value < "$dir/bcdDevice" && echo "$value" && return 0
    done
    return 1
}
# wait_runtime_version VERSION_BCD (guest): until the run-time device reports it, looking every
# 10 ms (a builtin read with a timeout: `sleep` would start a process, a tenth of a second here).
wait_runtime_version() {
    local tick status=0 deadline=$((SECONDS + 10))
    [[ -p $work/tick ]] || mkfifo "$work/tick"
    exec {tick}<> "$work/tick" # read and write ends: a read on it only ever times out
    until [[ $(runtime_version) == "$1" ]]; do
        ((SECONDS < deadline)) || {
            status=1
            break
        }
        read -r -t 0.01 -u "$tick"
    done
    exec {tick}>&-
    return $status
}
# dfu_flash_both ORDER [token] (guest): the flashes of the gadget, their checks, and the line
# bench/firmware reads. With `token` the station proves who acts with a station token, as a
# flashing script does; without, with the technician's PIN (a PBKDF2 of 120,000 rounds, about 2 s
# under TCG), as a person at the bench does. Both paths are real; the bench uses the token.
dfu_flash_both() {
    local order=$1 proof=${2:-pin} image payload payload_sha started flash_status ours_ms ours_start_ms
    local dfu_util_status dfu_util_ms equal_status equal_ms
    local -a who=(--operator "$technician")
    echo "  (flashing the device of $order, proof of who acts: $proof)"
    image=$RS_WORK/store/vendor/watch4-2.1.0.dfu
    payload=$work/payload.bin
    head -c -16 "$image" > "$payload" # the image without its DFU suffix: what a device receives
    payload_sha=$(sha256sum "$payload" | cut -d' ' -f1)
    if [[ $proof == token ]]; then
        cp "$RS_WORK/store/token" "$work/token" && chmod 600 "$work/token"
        who=()
    fi
    # Each line of the station's output (and of its log, -v) with the milliseconds since the
    # command started: where its time goes is in flash.txt.
    started=$(now_us)
    if [[ $proof == token ]]; then export STATION_TOKEN_FILE=$work/token; fi
    on_gadget_cpu "$STATION" -v --db "$work/station.db" --config "$work/station.toml" \
        firmware flash "$order" --device "$device_uri" "${who[@]}" 2>&1 |
        while IFS= read -r line; do echo "$(((${EPOCHREALTIME/./} - started) / 1000)) $line"; done \
            > "$log/flash.txt"
    flash_status=${PIPESTATUS[0]}
    ours_ms=$(ms_since "$started")
    unset STATION_TOKEN_FILE
    # Up to the first block sent: the program's start, the store, the catalog and the checks of
    # the image, finding the device, DFU_DETACH, the reset and the re-enumeration.
    ours_start_ms=$(grep -m1 ' flash  *0% ' "$log/flash.txt" | cut -d' ' -f1)
    sed 's/^/  | /' "$log/flash.txt"
    check "firmware flash: succeeded, verified by read-back and the version reported" \
        bash -c "[[ $flash_status == 0 ]] && grep -q 'succeeded: flashed 2.1.0, verified by read-back' '$log/flash.txt'"
    check "firmware flash: the gadget received the image (its SHA-256, byte for byte)" manifested 1
    check "firmware flash: the device came back running 2.1.0" \
        wait_for "$log/dfu.txt" 'run-time mode, firmware 2\.1\.0' 10
    # dfu-util (Debian's) on the same gadget and file, as people use it: detach (and the USB
    # reset), then, once the device is back in DFU mode (-w: dfu-util looks every few ms instead of
    # its fixed 5 s wait after a detach), download and reset. Both runs are timed as one.
    started=$(now_us)
    {
        on_gadget_cpu dfu-util -d 1209:2001 -S W4-88321 -e &&
            on_gadget_cpu dfu-util -w -d 1209:2001,1209:2002 -S W4-88321 -D "$image" -R
    } > "$log/dfu-util.txt" 2>&1
    dfu_util_status=$?
    dfu_util_ms=$(ms_since "$started")
    grep -v '^ *$' "$log/dfu-util.txt" | grep -v '^Download\s*\[' | tail -n 8 | sed 's/^/  | /'
    # dfu-util 0.11 exits with LIBUSB_ERROR_NOT_FOUND (-5, so 251) when the device has left the bus
    # on the reset it asked for, as this one does to start its new firmware.
    check "dfu-util: flashes the same gadget (download done, reset)" bash -c \
        "[[ $dfu_util_status == 0 || $dfu_util_status == 251 ]] && grep -q '^Done!' '$log/dfu-util.txt' &&
         tail -n1 '$log/dfu-util.txt' | grep -q 'Resetting USB to switch back to Run-Time mode'"
    check "dfu-util: the gadget received the image (its SHA-256, byte for byte)" manifested 2
    check "dfu-util: the device came back running 2.1.0" \
        wait_count "$log/dfu.txt" 'run-time mode, firmware 2\.1\.0' 2 10
    # dfu-util doing the work `station firmware flash` does, for a comparison at equal work:
    # detach, download, read the image back (-U) and compare it, reset, and wait until the device
    # is back in run-time mode reporting the new version (bcdDevice 0210).
    wait_runtime_version 0210
    started=$(now_us)
    {
        on_gadget_cpu dfu-util -d 1209:2001 -S W4-88321 -e &&
            on_gadget_cpu dfu-util -w -d 1209:2001,1209:2002 -S W4-88321 -D "$image" &&
            { on_gadget_cpu dfu-util -d ,1209:2002 -S W4-88321 -U "$work/read-back.bin" -R ||
                (($? == 251)); } &&
            cmp -s "$payload" "$work/read-back.bin" && wait_runtime_version 0210
    } > "$log/dfu-util-verified.txt" 2>&1
    equal_status=$?
    equal_ms=$(ms_since "$started")
    grep -v '^ *$' "$log/dfu-util-verified.txt" | grep -v '^\(Download\|Upload\)\s*\[' | tail -n 6 |
        sed 's/^/  | /'
    check "dfu-util with read-back: downloaded, read back equal, back running 2.1.0" \
        test "$equal_status" = 0
    check "dfu-util with read-back: the gadget received the image" manifested 3
    # Not a check (no timed assertions in tests): bench/firmware reads this line.
    echo "RESULT usb_dfu_flash bytes=$(stat -c %s "$payload") proof=$proof ours_s=$(seconds "$ours_ms")" \
        "ours_start_s=$(seconds "${ours_start_ms:-0}") dfu_util_s=$(seconds "$equal_ms")" \
        "dfu_util_download_s=$(seconds "$dfu_util_ms")"
}
