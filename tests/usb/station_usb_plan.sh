#!/usr/bin/env bash
# The station's USB drivers against real gadgets (run by run_guest.sh; see tests/usb/README.md).
# `station_usb_plan.sh --host` runs on the host before the guest boots: it prepares the store
# (people with PINs, the demo RMAs), which is not what is under test here. Without --host it runs
# in the guest as root: it makes the gadgets, then runs our programs against them through the
# guest kernel's USB core, one "ok - ..." or "FAIL - ..." line per check, and at the end
# "N passed, N failed". Settings: STATION, USB_GADGET, RS_SOURCE (the checkout), RS_WORK.
set -uo pipefail
. "$(dirname "$0")/plan_lib.sh"
. "$(dirname "$0")/dfu_flash.sh"

run_host_part "$@"

. "$RS_TESTS/gadgets.sh"
guest_store
start_udevd
whole_tags() { # each file one ^XA...^XZ format naming a repair order
    local file text
    for file; do
        text=$(< "$file")
        [[ $text == '^XA'* && $text == *'^XZ' && $text == *RO-* ]] || return 1
    done
}

# --- The gadgets: makers' ids from devices/scanner/scanner_models.cpp and printer_models.cpp.
gadget_new kbd 0x0c2e 0x0b81 Honeywell "Voyager 1400g" VG1400G0001
gadget_hid_keyboard kbd
gadget_new pos 0x1eab 0x1310 Newland "HR3260 HID-POS" NLHR3260001
gadget_hid_pos pos
gadget_new acm 0x1eab 0x1306 Newland "HR3260 CDC" NLHR3260002
gadget_acm acm
gadget_new zebra 0x0a5f 0x0120 "Zebra Technologies" "ZTC ZD421-203dpi ZPL" D4J000001
gadget_printer zebra "MFG:Zebra Technologies;CMD:ZPL;MDL:ZD421-203dpi;CLS:PRINTER;DES:Zebra ZD421;"
# A keyboard-mode scanner of a maker our table does not know: hosted by path through evdev.
gadget_new keys 0x1d6b 0x0104 "Bench" "Keyboard wedge scanner" WEDGE0001
gadget_hid_keyboard keys
# A HID POS scanner our table does not know either, Honeywell report layout: hosted through hidraw.
gadget_new hpos 0x1d6b 0x0105 "Bench" "HID POS scanner" HIDPOS0001
gadget_hid_pos hpos
udc=0
for name in kbd pos acm zebra keys hpos; do
    gadget_plug $name dummy_udc.$udc
    udc=$((udc + 1))
done
dfu_start_gadget
hidg_kbd=$(gadget_node kbd hid.kbd hidg)
hidg_pos=$(gadget_node pos hid.pos hidg)
hidg_keys=$(gadget_node keys hid.kbd hidg)
hidg_hpos=$(gadget_node hpos hid.pos hidg)
printer_node=$(ls /dev/g_printer* | head -n1) # f_printer has no dev attribute: the only one
tty_gadget=/dev/ttyGS$(cat $gadget_root/acm/functions/acm.ser/port_num)

# The host side's nodes appear once the kernel has enumerated the devices.
usb_dir() { # the sysfs folder of the device with this serial number
    grep -lx "$1" /sys/bus/usb/devices/*/serial 2> /dev/null | head -n1 | xargs -r dirname
}
deadline=$((SECONDS + 90))
until [[ -n $(usb_dir WEDGE0001) && -n $(usb_dir W4-88321) && -n $(usb_dir NLHR3260002) && -n $(usb_dir HIDPOS0001) ]] &&
    ls "$(usb_dir WEDGE0001)"/*/*/input/input*/event* > /dev/null 2>&1 &&
    ls "$(usb_dir HIDPOS0001)"/*/*/hidraw/hidraw* > /dev/null 2>&1 &&
    ls "$(usb_dir NLHR3260002)"/*/tty/ttyACM* > /dev/null 2>&1; do
    ((SECONDS < deadline)) || break
    sleep 0.2
done
# (`udevadm settle` does nothing in a chroot: the stable names are waited for one by one.)
until ls /dev/serial/by-id/*NLHR3260002* /dev/input/by-id/*WEDGE0001*-event-kbd > /dev/null 2>&1; do
    ((SECONDS < deadline)) || break
    sleep 0.2
done
event_node=/dev/input/$(basename "$(ls -d "$(usb_dir WEDGE0001)"/*/*/input/input*/event* | head -n1)")
hidraw_node=/dev/$(basename "$(ls -d "$(usb_dir HIDPOS0001)"/*/*/hidraw/hidraw* | head -n1)")
acm_node=/dev/$(basename "$(ls -d "$(usb_dir NLHR3260002)"/*/tty/ttyACM* | head -n1)")
# The stable names udev made, as docs/hardware.md recommends configuring.
acm_by_id=$(ls /dev/serial/by-id/*NLHR3260002* 2> /dev/null | head -n1)
wedge_by_id=$(ls /dev/input/by-id/*WEDGE0001*-event-kbd 2> /dev/null | head -n1)
check "udev: stable names for the serial scanner and the keyboard wedge" \
    bash -c "[[ \$(readlink -f '$acm_by_id') == $acm_node && \$(readlink -f '$wedge_by_id') == $event_node ]]"
echo "  (gadgets: $hidg_kbd $hidg_pos $hidg_keys $printer_node $tty_gadget; $hidg_hpos; host: $event_node $hidraw_node $acm_node)"
elapsed "enumerated"

# --- 1. `station devices list`: each device with the driver that would take it.
touch "$work/station.toml"
st devices list > "$log/devices.txt" 2>&1
cat "$log/devices.txt" | grep -v dummy_hcd | sed 's/^/  | /'
check "devices list: Honeywell keyboard scanner, driver usb-keyboard" \
    has "$log/devices.txt" '^0c2e:0b81 .*serial VG1400G0001: driver usb-keyboard'
check "devices list: Newland HID POS scanner, driver usb-hid-pos" \
    has "$log/devices.txt" '^1eab:1310 .*serial NLHR3260001: driver usb-hid-pos'
check "devices list: Newland CDC-ACM scanner, driver serial" \
    has "$log/devices.txt" '^1eab:1306 .*serial NLHR3260002: driver serial'
check "devices list: Zebra printer, driver usb printer with its 1284 id" \
    has "$log/devices.txt" '^0a5f:0120 .*serial D4J000001: printer usb \(ZD421 203 dpi; 1284 id "MFG:Zebra'
check "devices list: the printer's uri" \
    has "$log/devices.txt" 'uri = "usb://0a5f:0120\?serial=D4J000001"'
check "devices list: the DFU device in run-time mode, with what the catalog would flash" \
    has "$log/devices.txt" 'DFU interface 0 \(run-time mode, firmware 1\.2\.0.*catalog would flash 2\.1\.0'
check "devices list: the unknown wedge has no driver" \
    has "$log/devices.txt" '^1d6b:0104 .*: no driver'
elapsed "devices list"

# --- 2. `station run`: scans from every kind of scanner reach intake; tags reach the printer.
mkdir -p "$log/labels"
"$USB_GADGET" printer "$printer_node" "$log/labels" > "$log/printer.txt" 2>&1 &
printer_pid=$!
stty -F "$tty_gadget" raw -echo
cat > "$work/station.toml" << TOML
[scanners]
operator = "$badge"
auto_usb = true

[[scanners.device]]
name = "cdc"
driver = "serial"
path = "$acm_by_id"
suffix = "cr"

[[scanners.device]]
name = "wedge"
driver = "evdev"
path = "$wedge_by_id"

[[scanners.device]]
name = "desk"
role = "lookup"
driver = "hidraw"
path = "$hidraw_node"
hid_pos_layout = "honeywell"

[printers]
intake_tags = "zebra"

[[printers.device]]
name = "zebra"
uri = "usb://0a5f:0120?serial=D4J000001"

[web]
port = 0
TOML
# Not through st(): the signal must reach the station itself, not a subshell.
"$STATION" --db "$work/station.db" --config "$work/station.toml" run > "$log/run.txt" 2>&1 &
run_pid=$!
# Ready when every scanner is connected (the two known USB ones are taken by the auto host).
kbd_source=usb:0c2e:0b81/VG1400G0001
for source in $kbd_source usb:1eab:1310/NLHR3260001 "serial:$acm_by_id" "evdev:$wedge_by_id" \
    "hidraw:$hidraw_node"; do
    wait_for "$log/run.txt" "^$source: connected" 60
done
elapsed "station run up"
"$USB_GADGET" keyboard "$hidg_kbd" RMA-26110001X
check "run: keyboard scan over libusb interrupt-IN reaches intake" \
    wait_for "$log/run.txt" 'RMA-26110001X +received'
"$USB_GADGET" newland-pos "$hidg_pos" RMA-26110002V
check "run: HID POS scan over libusb reaches intake" \
    wait_for "$log/run.txt" 'RMA-26110002V +received'
printf 'RMA-26110003T\r' > "$tty_gadget"
check "run: CDC-ACM serial scan (ttyACM) reaches intake" \
    wait_for "$log/run.txt" 'RMA-26110003T +received'
"$USB_GADGET" keyboard "$hidg_keys" RMA-26110004R
check "run: keyboard scan through evdev (usbhid) reaches intake" \
    wait_for "$log/run.txt" 'RMA-26110004R +received'
# A GS1 code longer than one report (continued by the flag bit), with its AIM id, on hidraw.
gs1=$'011231231231233310ABC123\x1d21SN20261130AAAABBBB\x1d240PX2-128-BLK-REV-B\x1d17271231'
"$USB_GADGET" honeywell-pos "$hidg_hpos" "$gs1" ']C1'
check "run: an 80-byte GS1 code in two HID POS reports through hidraw is explained (lookup)" \
    wait_for "$log/run.txt" '^hidraw:.*<GS>21SN20261130AAAABBBB<GS>240PX2-128-BLK-REV-B<GS>17271231: gs1 \('
elapsed "scans"

# Unplug mid-scan: half a code typed, the cable pulled, plugged back, the code scanned again.
"$USB_GADGET" keyboard-partial "$hidg_kbd" RMA-2611
gadget_unplug kbd
check "run: unplugging the keyboard scanner is reported" \
    wait_for "$log/run.txt" "^$kbd_source: disconnected" 15
gadget_plug kbd dummy_udc.0
check "run: plugged back, it is taken again" \
    wait_count "$log/run.txt" "^$kbd_source: connected" 2 60
sleep 0.5
"$USB_GADGET" keyboard "$hidg_kbd" RMA-26110005P
check "run: the scan after the replug reaches intake, the cut code does not" \
    wait_for "$log/run.txt" 'RMA-26110005P +received'
check "run: no code glued from before the unplug" bash -c "! grep -q 'RMA-2611RMA' '$log/run.txt'"
elapsed "replug"

# Each received order queued a repair-order tag for the USB printer.
check "print: five repair-order tags reach the printer gadget as ZPL" \
    bash -c "for i in \$(seq 50); do [[ \$(ls '$log/labels' | wc -l) -ge 5 ]] && exit 0; sleep 0.2; done; exit 1"
check "print: each tag is a whole format with its order number" whole_tags "$log/labels"/*.zpl
kill -TERM $run_pid
wait $run_pid
run_status=$?
echo "  (station run ended with $run_status)"
check "run: ends cleanly on SIGTERM" test $run_status -eq 0
elapsed "station run stopped"

# --- 3. The printer's status read back over USB (~HS, ~HQES, ~HI answered by the gadget).
st printers status zebra > "$log/status.txt" 2>&1
status=$?
sed 's/^/  | /' "$log/status.txt"
check "printers status: the USB printer answers and is ready" test $status -eq 0
check "printers status: model from ~HI" has "$log/status.txt" 'ZD421'
kill -TERM $printer_pid
wait $printer_pid

# --- 4. DFU: `station firmware flash` and dfu-util flash the same gadget (dfu_flash.sh); the watch
# belongs to the order the first scan made.
dfu_flash_both "$(grep -E 'RMA-26110001X +received' "$log/run.txt" | grep -o 'RO-[0-9]*[A-Z]' | head -n1)"
dfu_stop_gadget
elapsed "DFU flashes"

sed 's/^/  | /' "$log/run.txt"
summary
