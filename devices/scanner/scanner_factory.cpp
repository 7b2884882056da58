// make_scanner: the table of scanner drivers, each with the maker that reads its settings.
#include "devices/scanner/scanner_factory.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>

#include "devices/scanner/device_file_scanner.h"
#include "devices/scanner/hid_pos_protocol.h"
#include "devices/scanner/serial_scanner.h"
#include "devices/scanner/simulated_scanner.h"
#include "devices/scanner/usb_scanner.h"
#include "devices/transport/device_uri.h"

namespace rs::devices {
namespace {

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "scanner"};
}

// Typed reads of a spec's settings. The first mistake is kept and the fallback returned, so a
// maker reads everything and then checks once.
class Settings {
public:
    explicit Settings(const ScannerSpec& spec) : m_spec(spec) {}

    std::string text(std::string_view key, std::string fallback) {
        return get(key, std::move(fallback), "a string");
    }
    std::int64_t number(std::string_view key, std::int64_t fallback) {
        return get(key, fallback, "a whole number");
    }
    bool flag(std::string_view key, bool fallback) { return get(key, fallback, "true or false"); }
    std::vector<std::string> texts(std::string_view key) {
        return get(key, std::vector<std::string>(), "a list of strings");
    }
    void refuse(std::string message) {
        if (!m_error) m_error = invalid(std::move(message));
    }
    const std::optional<Error>& error() const { return m_error; }

private:
    template <class T>
    T get(std::string_view key, T fallback, const char* type_name) {
        auto found = m_spec.settings.find(key);
        if (found == m_spec.settings.end()) return fallback;
        if (const T* value = std::get_if<T>(&found->second)) return *value;
        refuse(fmt::format("{} must be {}", key, type_name));
        return fallback;
    }

    const ScannerSpec& m_spec;
    std::optional<Error> m_error;
};

// A device node or tty every driver but usb and simulated opens.
std::string device_path(Settings& settings) {
    std::string path = settings.text("path", "");
    if (path.empty()) settings.refuse("needs path = \"/dev/...\"");
    return path;
}

KeyboardOptions keyboard_options(Settings& settings) {
    KeyboardOptions keyboard;
    std::string layout = settings.text("layout", "us");
    std::string terminator = settings.text("terminator", "enter");
    keyboard.max_key_gap_ms = settings.number("max_key_gap_ms", 0);
    keyboard.min_length =
        static_cast<std::size_t>(std::max<std::int64_t>(settings.number("min_length", 1), 1));
    keyboard.layout = find_keyboard_layout(layout);
    if (!keyboard.layout) settings.refuse("layout must be us, de or fr");
    if (terminator == "tab")
        keyboard.terminators.assign(1, k_usage_tab);
    else if (terminator != "enter")
        settings.refuse("terminator must be enter or tab");
    return keyboard;
}

std::string hid_pos_layout(Settings& settings) {
    std::string layout = settings.text("hid_pos_layout", "");
    if (!layout.empty() && !find_hid_pos_layout(layout))
        settings.refuse("hid_pos_layout must be honeywell or newland");
    return layout;
}

Result<std::unique_ptr<Scanner>> make_serial(const ScannerSpec& spec) {
    Settings settings(spec);
    SerialScannerOptions options;
    options.path = device_path(settings);
    options.baud = static_cast<int>(settings.number("baud", 9600));
    options.framing.timeout_ms = settings.number("timeout_ms", 200);
    auto suffix = parse_serial_suffix(settings.text("suffix", "cr"));
    if (suffix)
        options.framing.suffix = *suffix;
    else
        settings.refuse("suffix must be cr, lf, crlf or none");
    if (settings.error()) return std::unexpected(*settings.error());
    return std::make_unique<SerialScanner>(std::move(options));
}

// evdev and hidraw: a device node read as a keyboard, plus a setting of each driver's own.
template <class Driver, class Options>
Result<std::unique_ptr<Scanner>> make_keyboard_node(const ScannerSpec& spec,
                                                    void (*own_settings)(Settings&, Options&)) {
    Settings settings(spec);
    Options options;
    options.path = device_path(settings);
    options.keyboard = keyboard_options(settings);
    own_settings(settings, options);
    if (settings.error()) return std::unexpected(*settings.error());
    return std::make_unique<Driver>(std::move(options));
}

Result<std::unique_ptr<Scanner>> make_evdev(const ScannerSpec& spec) {
    return make_keyboard_node<EvdevScanner, EvdevScannerOptions>(
        spec, [](Settings& settings, EvdevScannerOptions& options) {
            options.grab = settings.flag("grab", true);
        });
}

Result<std::unique_ptr<Scanner>> make_hidraw(const ScannerSpec& spec) {
    return make_keyboard_node<HidrawScanner, HidrawScannerOptions>(
        spec, [](Settings& settings, HidrawScannerOptions& options) {
            options.hid_pos_layout = hid_pos_layout(settings);
        });
}

Result<std::unique_ptr<Scanner>> make_usb(const ScannerSpec& spec) {
    Settings settings(spec);
    UsbScannerOptions options;
    // path is "VID:PID" here, e.g. "0c2e:0b61"; serial and port narrow it to one device.
    std::string path = settings.text("path", "");
    if (auto ids = parse_usb_id(path))
        options.match = *ids;
    else
        settings.refuse("path must be VID:PID for usb, e.g. \"0c2e:0b61\"");
    options.match.serial = settings.text("serial", "");
    options.match.port_path = settings.text("port", "");
    options.keyboard = keyboard_options(settings);
    options.hid_pos_layout = hid_pos_layout(settings);
    if (settings.error()) return std::unexpected(*settings.error());
    // Every USB device of the process shares one libusb context and its event thread.
    auto context = UsbContext::shared();
    if (!context) return std::unexpected(context.error());
    return std::make_unique<UsbScanner>(*context, std::move(options));
}

Result<std::unique_ptr<Scanner>> make_simulated(const ScannerSpec& spec) {
    Settings settings(spec);
    std::vector<SimulatedScan> script;
    for (auto& text : settings.texts("scans"))
        script.push_back({std::move(text), ""});
    std::int64_t interval = settings.number("interval_ms", 100);
    std::string input = settings.text("input", "");
    if (settings.error()) return std::unexpected(*settings.error());
    return std::make_unique<SimulatedScanner>(spec.name, std::move(script), interval,
                                              std::move(input));
}

}  // namespace

const std::vector<ScannerDriver>& scanner_drivers() {
    static const std::vector<ScannerDriver> drivers{
        {"serial",
         "a scanner in serial mode, read from its tty",
         {"path", "baud", "suffix", "timeout_ms"},
         make_serial},
        {"evdev",
         "a keyboard-mode scanner read from /dev/input/event*",
         {"path", "layout", "terminator", "max_key_gap_ms", "min_length", "grab"},
         make_evdev},
        {"hidraw",
         "a keyboard or HID POS scanner read from /dev/hidraw*",
         {"path", "layout", "terminator", "max_key_gap_ms", "min_length", "hid_pos_layout"},
         make_hidraw},
        {"usb",
         "a keyboard or HID POS scanner read through libusb, path = \"VID:PID\"",
         {"path", "serial", "port", "layout", "terminator", "max_key_gap_ms", "min_length",
          "hid_pos_layout"},
         make_usb},
        {"simulated",
         "scripted scans, then lines of a file, FIFO or stdin (input): for tests and demos",
         {"scans", "interval_ms", "input"},
         make_simulated},
    };
    return drivers;
}

std::vector<std::string_view> scanner_setting_names() {
    std::vector<std::string_view> names;
    for (const auto& driver : scanner_drivers())
        for (auto setting : driver.settings)
            if (std::find(names.begin(), names.end(), setting) == names.end())
                names.push_back(setting);
    return names;
}

Result<std::unique_ptr<Scanner>> make_scanner(const ScannerSpec& spec) {
    std::vector<std::string> known;
    for (const auto& driver : scanner_drivers()) {
        if (driver.name == spec.driver) return driver.make(spec);
        known.push_back(fmt::format("{} ({})", driver.name, driver.description));
    }
    return std::unexpected(invalid(fmt::format("driver \"{}\" is unknown; the drivers are: {}",
                                               spec.driver, fmt::join(known, ", "))));
}

}  // namespace rs::devices
