// [scanners] parsing: from TOML rows to configured scanner drivers.
#include "station/scanning/scanner_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "devices/scanner/device_file_scanner.h"
#include "devices/scanner/serial_scanner.h"
#include "devices/scanner/simulated_scanner.h"
#include "devices/scanner/usb_scanner.h"

namespace rs::station {
namespace {

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "config");
}

struct RoleName {
    ScannerRole role;
    const char* name;
};
constexpr RoleName k_roles[] = {{ScannerRole::Intake, "intake"}, {ScannerRole::Lookup, "lookup"}};

Result<std::unique_ptr<devices::Scanner>> make_keyboard_scanner(
    const toml::table& row, const std::string& section, const std::string& driver,
    std::shared_ptr<devices::UsbContext>& usb_context) {
    auto path = config_string(row, section, "path", "");
    auto layout = config_string(row, section, "layout", "us");
    auto terminator = config_string(row, section, "terminator", "enter");
    auto max_gap = config_integer(row, section, "max_key_gap_ms", 0);
    auto min_length = config_integer(row, section, "min_length", 1);
    if (!path) return std::unexpected(path.error());
    if (!layout) return std::unexpected(layout.error());
    if (!terminator) return std::unexpected(terminator.error());
    if (!max_gap) return std::unexpected(max_gap.error());
    if (!min_length) return std::unexpected(min_length.error());
    if (path->empty()) return invalid(fmt::format("[{}] needs path = \"/dev/...\"", section));
    devices::KeyboardOptions keyboard;
    keyboard.layout = devices::find_keyboard_layout(*layout);
    if (!keyboard.layout) return invalid(fmt::format("[{}] layout must be us, de or fr", section));
    if (*terminator == "enter")
        keyboard.terminators = devices::default_terminators();
    else if (*terminator == "tab")
        keyboard.terminators.assign(1, devices::k_usage_tab);
    else
        return invalid(fmt::format("[{}] terminator must be enter or tab", section));
    keyboard.max_key_gap_ms = *max_gap;
    keyboard.min_length = static_cast<std::size_t>(std::max<std::int64_t>(*min_length, 1));
    if (driver == "usb") {
        // path is "VID:PID" here, e.g. "0c2e:0b61"; serial and port narrow it to one device.
        devices::UsbScannerOptions options;
        unsigned vid = 0, pid = 0;
        if (std::sscanf(path->c_str(), "%4x:%4x", &vid, &pid) != 2)
            return invalid(
                fmt::format("[{}] path must be VID:PID for usb, e.g. \"0c2e:0b61\"", section));
        auto serial = config_string(row, section, "serial", "");
        auto port = config_string(row, section, "port", "");
        auto hid_pos = config_string(row, section, "hid_pos_layout", "");
        if (!serial) return std::unexpected(serial.error());
        if (!port) return std::unexpected(port.error());
        if (!hid_pos) return std::unexpected(hid_pos.error());
        if (!hid_pos->empty() && !devices::find_hid_pos_layout(*hid_pos))
            return invalid(
                fmt::format("[{}] hid_pos_layout must be honeywell or newland", section));
        // Every USB device of the process shares one libusb context and its event thread.
        if (!usb_context) {
            auto shared = devices::UsbContext::shared();
            if (!shared) return std::unexpected(shared.error());
            usb_context = *shared;
        }
        options.match = {static_cast<std::uint16_t>(vid), static_cast<std::uint16_t>(pid), *serial,
                         *port};
        options.hid_pos_layout = *hid_pos;
        options.keyboard = keyboard;
        return std::make_unique<devices::UsbScanner>(usb_context, std::move(options));
    }
    if (driver == "evdev") {
        auto grab = config_bool(row, section, "grab", true);
        if (!grab) return std::unexpected(grab.error());
        devices::EvdevScannerOptions options{*path, *grab, keyboard, 500};
        return std::make_unique<devices::EvdevScanner>(std::move(options));
    }
    auto hid_pos = config_string(row, section, "hid_pos_layout", "");
    if (!hid_pos) return std::unexpected(hid_pos.error());
    if (!hid_pos->empty() && !devices::find_hid_pos_layout(*hid_pos))
        return invalid(fmt::format("[{}] hid_pos_layout must be honeywell or newland", section));
    devices::HidrawScannerOptions options{*path, *hid_pos, keyboard, 500};
    return std::make_unique<devices::HidrawScanner>(std::move(options));
}

Result<std::unique_ptr<devices::Scanner>> make_scanner(
    const toml::table& row, const std::string& section, const std::string& name,
    std::shared_ptr<devices::UsbContext>& usb_context) {
    auto driver = config_string(row, section, "driver", "");
    if (!driver) return std::unexpected(driver.error());
    if (*driver == "simulated") {
        auto interval = config_integer(row, section, "interval_ms", 100);
        if (!interval) return std::unexpected(interval.error());
        std::vector<devices::SimulatedScan> script;
        if (const toml::array* scans = row["scans"].as_array()) {
            for (const auto& node : *scans) {
                auto text = node.value<std::string>();
                if (!text) return invalid(fmt::format("[{}] scans must be strings", section));
                script.push_back({*text, ""});
            }
        }
        return std::make_unique<devices::SimulatedScanner>(name, std::move(script), *interval);
    }
    if (*driver == "serial") {
        devices::SerialScannerOptions options;
        auto path = config_string(row, section, "path", "");
        auto baud = config_integer(row, section, "baud", 9600);
        auto suffix = config_string(row, section, "suffix", "cr");
        auto timeout = config_integer(row, section, "timeout_ms", 200);
        if (!path) return std::unexpected(path.error());
        if (!baud) return std::unexpected(baud.error());
        if (!suffix) return std::unexpected(suffix.error());
        if (!timeout) return std::unexpected(timeout.error());
        if (path->empty()) return invalid(fmt::format("[{}] needs path = \"/dev/...\"", section));
        auto parsed_suffix = devices::parse_serial_suffix(*suffix);
        if (!parsed_suffix)
            return invalid(fmt::format("[{}] suffix must be cr, lf, crlf or none", section));
        options.path = *path;
        options.baud = static_cast<int>(*baud);
        options.framing.suffix = *parsed_suffix;
        options.framing.timeout_ms = *timeout;
        return std::make_unique<devices::SerialScanner>(std::move(options));
    }
    if (*driver == "evdev" || *driver == "hidraw" || *driver == "usb")
        return make_keyboard_scanner(row, section, *driver, usb_context);
    return invalid(
        fmt::format("[{}] driver \"{}\" is unknown: use serial, evdev, hidraw, usb or simulated",
                    section, *driver));
}

Result<ConfiguredScanner> make_configured_scanner(
    const toml::table& row, std::size_t index, std::shared_ptr<devices::UsbContext>& usb_context) {
    const std::string section = fmt::format("scanners.device #{}", index + 1);
    if (auto checked =
            check_known_keys(row, section,
                             {"name", "role", "driver", "path", "serial", "port", "baud", "suffix",
                              "timeout_ms", "layout", "terminator", "max_key_gap_ms", "min_length",
                              "grab", "hid_pos_layout", "scans", "interval_ms"});
        !checked)
        return std::unexpected(checked.error());
    auto name = config_string(row, section, "name", fmt::format("scanner{}", index + 1));
    auto role = config_string(row, section, "role", "intake");
    if (!name) return std::unexpected(name.error());
    if (!role) return std::unexpected(role.error());
    ConfiguredScanner configured;
    configured.name = *name;
    const RoleName* known = nullptr;
    for (const auto& entry : k_roles)
        if (*role == entry.name) known = &entry;
    if (!known)
        return invalid(
            fmt::format("[{}] role \"{}\" is unknown: use intake or lookup", section, *role));
    configured.role = known->role;
    auto scanner = make_scanner(row, section, *name, usb_context);
    if (!scanner) return std::unexpected(scanner.error());
    configured.scanner = std::move(*scanner);
    return configured;
}

}  // namespace

const char* scanner_role_name(ScannerRole role) {
    for (const auto& entry : k_roles)
        if (entry.role == role) return entry.name;
    return "unknown";
}

Result<ScannersConfig> parse_scanners_config(const StationConfig& config) {
    ScannersConfig result;
    const toml::table* section = config.document["scanners"].as_table();
    if (!section) return result;
    if (auto checked = check_known_keys(*section, "scanners", {"operator", "auto_usb", "device"});
        !checked)
        return std::unexpected(checked.error());
    auto operator_id = config_string(*section, "scanners", "operator", "");
    if (!operator_id) return std::unexpected(operator_id.error());
    result.operator_id = *operator_id;
    auto auto_usb = config_bool(*section, "scanners", "auto_usb", true);
    if (!auto_usb) return std::unexpected(auto_usb.error());
    result.auto_usb = *auto_usb;
    const toml::node* devices = section->get("device");
    if (!devices) return result;
    const toml::array* rows = devices->as_array();
    if (!rows) return invalid("[scanners] device must be a list: write [[scanners.device]]");
    std::shared_ptr<devices::UsbContext> usb_context;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const toml::table* row = (*rows)[i].as_table();
        if (!row) return invalid("[[scanners.device]] entries must be tables");
        auto scanner = make_configured_scanner(*row, i, usb_context);
        if (!scanner) return std::unexpected(scanner.error());
        result.scanners.push_back(std::move(*scanner));
    }
    return result;
}

std::vector<devices::UsbMatch> configured_usb_matches(const ScannersConfig& config) {
    std::vector<devices::UsbMatch> matches;
    for (const auto& configured : config.scanners)
        if (const auto* usb = dynamic_cast<const devices::UsbScanner*>(configured.scanner.get()))
            matches.push_back(usb->match());
    return matches;
}

}  // namespace rs::station
