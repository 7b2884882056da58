#!/usr/bin/env bash
# Runs a USB test plan in the QEMU guest and reads back its "N passed, N failed" line.
#   run_guest.sh PLAN [NAME=VALUE...]
# The guest (build_guest.sh, cached in $RS_GUEST_DIR) boots Debian 12's kernel under TCG (no KVM
# needed), shares the host's file system read-only and a fresh work folder read-write, and runs
# PLAN with the NAME=VALUE settings (STATION=..., USB_GADGET=...). Exit 0 only when every check
# passed; the console is kept in the work folder. Without qemu-system-x86_64 the test is skipped
# (exit 77), except under CI=true where that is a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plan=$(realpath "$1")
shift
guest_dir=${RS_GUEST_DIR:-$here/../../build/tests/usb/guest}
started=$(date +%s%N)

if ! command -v qemu-system-x86_64 > /dev/null; then
    if [[ ${CI:-} == true ]]; then
        echo "run_guest: qemu-system-x86_64 is missing (scripts/deps/usb.txt): CI must run the USB tests" >&2
        exit 1
    fi
    echo "run_guest: qemu-system-x86_64 is missing; skipped (scripts/install-deps.sh installs it)"
    exit 77
fi
"$here/build_guest.sh" "$guest_dir"

work_parent=${RS_WORK_PARENT:-$guest_dir/../runs}
mkdir -p "$work_parent"
# The last few runs are kept for their logs.
# (ls fails when there is none yet: on a clean checkout, the first run.)
{ ls -dt "$work_parent"/*/ 2> /dev/null || true; } | tail -n +6 | xargs -r rm -rf
work=$(mktemp -d "$(realpath "$work_parent")/$(basename "$plan" .sh).XXXXXX")
{
    echo "RS_PLAN=$plan"
    echo "RS_WORK=$work"
    echo "RS_TESTS=$here"
    for setting in "$@"; do printf '%q\n' "$setting"; done
} > "$work/guest.env"
# The plan's host part (preparing what is not under test, e.g. the store) before the guest boots.
if ! (set -a && . "$work/guest.env" && set +a && bash "$plan" --host); then
    echo "run_guest: the plan's host part failed (its logs are in $work)" >&2
    exit 1
fi

# TCG: the same on every machine, KVM or not. The console is the first serial port; its input is
# /dev/null so that nothing a CI runner holds on stdin reaches the guest. The CPU time is printed
# beside the wall time: on a loaded machine the wall time says more about the neighbours.
TIMEFORMAT="run_guest: qemu took %R s of wall time, %U s user + %S s system CPU"
time {
    timeout "${RS_GUEST_TIMEOUT:-170}" qemu-system-x86_64 -accel tcg -m 1024 -smp 2 \
        -nographic -no-reboot -nodefaults -serial stdio \
        -kernel "$guest_dir/vmlinuz" -initrd "$guest_dir/initramfs.gz" \
        -append "console=ttyS0 quiet panic=-1 no_timer_check rs_env=$work/guest.env rs_work=$work" \
        -virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
        -virtfs "local,path=$work,mount_tag=work,security_model=none" \
        < /dev/null 2>&1 | sed -u 's/\r$//' | tee "$work/console.log" || true
}

elapsed_ms=$((($(date +%s%N) - started) / 1000000))
elapsed=$((elapsed_ms / 1000)).$(printf %03d $((elapsed_ms % 1000)))
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/console.log" | tail -n1 || true)
echo "run_guest: ${summary:-no summary line} (wall ${elapsed} s, console in $work/console.log)"
[[ -n $summary ]] || exit 1
read -r passed _ failed _ <<< "$summary"
((failed == 0 && passed > 0))
