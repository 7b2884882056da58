#!/usr/bin/env bash
# The DFU flashes alone (run by run_guest.sh, as station_usb_plan.sh is; bench/firmware uses it):
# the DFU gadget, a repair order received with `station intake`, then `station firmware flash`
# (acting with a station token, as a flashing script does) and dfu-util on the same gadget
# (dfu_flash.sh), with their checks and the RESULT line. The whole
# station plan runs the same flashes after its scanners and printer.
set -uo pipefail
. "$(dirname "$0")/plan_lib.sh"
. "$(dirname "$0")/dfu_flash.sh"

run_host_part "$@"

guest_store
start_udevd
dfu_start_gadget
usb_dir() { grep -lx "$1" /sys/bus/usb/devices/*/serial 2> /dev/null | head -n1 | xargs -r dirname; }
deadline=$((SECONDS + 60))
until [[ -n $(usb_dir W4-88321) ]] || ((SECONDS > deadline)); do sleep 0.2; done
check "the DFU gadget enumerates in run-time mode" test -n "$(usb_dir W4-88321)"
# The watch's parcel, received: its repair order is the one the flash is recorded on.
st intake RMA-26110001X > "$log/intake.txt" 2>&1
order=$(grep -o 'RO-[0-9]*[A-Z]' "$log/intake.txt" | head -n1)
check "intake: the parcel makes a repair order" test -n "$order"
dfu_flash_both "$order" token
dfu_stop_gadget
elapsed "DFU flashes"
summary
