// The [scanners] section of the station configuration: which scanners this bench hosts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/scanner/scanner.h"
#include "devices/transport/usb_interrupt_reader.h"
#include "station/store/config.h"

namespace rs::station {

// What a scanner is for at this bench: where `station run` sends its scans.
enum class ScannerRole {
    Intake,  // parcels and devices arriving: each scan goes to intake
    Lookup,  // "what is this code?": each scan is classified and shown, nothing is changed
};
const char* scanner_role_name(ScannerRole role);

struct ConfiguredScanner {
    std::string name;
    ScannerRole role = ScannerRole::Intake;
    std::unique_ptr<devices::Scanner> scanner;
};

struct ScannersConfig {
    std::string operator_id;  // [scanners] operator: badge of who scans here, optional
    // [scanners] auto_usb: `station run` also hosts known USB scanners (devices/scanner/
    // scanner_models.cpp) that no entry names, as intake scanners, when they are plugged in.
    bool auto_usb = true;
    std::vector<ConfiguredScanner> scanners;
};

// [scanners]
// operator = "OP-0001U"
// auto_usb = true           # also host known USB scanners nobody configured
// [[scanners.device]]
// name = "intake"           # names the scanner in output and in Scan::source
// role = "intake"           # intake (scans go to intake) | lookup (scans are only explained)
// driver = "serial"         # serial | evdev | hidraw | usb | simulated: the other keys of the
//                           # row go to that driver (devices/scanner/scanner_factory.cpp)
// (usb: path = "VID:PID", serial = "...", port = "1-2.3" pick the device)
// path = "/dev/serial/by-id/usb-Honeywell_...-if00"   # serial
// baud = 9600               # serial
// suffix = "cr"             # serial: cr | lf | crlf | none
// timeout_ms = 200          # serial: quiet time that ends (none) or breaks (others) a code
// layout = "us"             # evdev, hidraw: keyboard country the scanner emulates (us, de, fr)
// terminator = "enter"      # evdev, hidraw: enter | tab
// max_key_gap_ms = 30       # evdev, hidraw: slower keys are a person typing (0: no check)
// min_length = 4            # evdev, hidraw: shorter codes are a person typing
// grab = true               # evdev: take the keyboard exclusively (EVIOCGRAB)
// hid_pos_layout = ""       # hidraw: honeywell | newland for HID POS; empty: keyboard reports
// scans = ["SF1402398761234"]  # simulated: the script, GS written as \u001d
// interval_ms = 100         # simulated: time between scripted scans
// input = "-"              # simulated: then one scan per line of this file, FIFO or "-" (stdin)
Result<ScannersConfig> parse_scanners_config(const StationConfig& config);

// The USB devices the configured usb scanners take (so nothing else takes them too).
std::vector<devices::UsbMatch> configured_usb_matches(const ScannersConfig& config);

}  // namespace rs::station
