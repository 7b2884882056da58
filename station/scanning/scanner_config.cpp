// [scanners] parsing: the station's own keys, and the rest of each row handed to the scanner
// factory (devices/scanner/scanner_factory.h).
#include "station/scanning/scanner_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "devices/scanner/scanner_factory.h"
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

// What the station itself reads from a [[scanners.device]] row; the rest is the driver's.
constexpr std::string_view k_station_keys[] = {"name", "role", "driver"};

// A row's values as plain settings for the scanner factory, which checks what each driver reads.
Result<devices::ScannerSetting> setting_value(const toml::node& node, const std::string& section,
                                              std::string_view key) {
    if (auto text = node.value_exact<std::string>()) return *text;
    if (auto number = node.value_exact<std::int64_t>()) return *number;
    if (auto real = node.value_exact<double>()) return *real;
    if (auto flag = node.value_exact<bool>()) return *flag;
    if (const toml::array* array = node.as_array()) {
        std::vector<std::string> texts;
        for (const auto& element : *array) {
            auto text = element.value_exact<std::string>();
            if (!text) return invalid(fmt::format("[{}] {} must be strings", section, key));
            texts.push_back(*text);
        }
        return texts;
    }
    return invalid(
        fmt::format("[{}] {} must be a string, a number, true or false, or a list", section, key));
}

Result<devices::ScannerSpec> scanner_spec(const toml::table& row, const std::string& section,
                                          const std::string& name) {
    auto driver = config_string(row, section, "driver", "");
    if (!driver) return std::unexpected(driver.error());
    devices::ScannerSpec spec{*driver, name, {}};
    for (const auto& [key, node] : row) {
        if (std::ranges::find(k_station_keys, key.str()) != std::end(k_station_keys)) continue;
        auto value = setting_value(node, section, key.str());
        if (!value) return std::unexpected(value.error());
        spec.settings.emplace(std::string(key.str()), std::move(*value));
    }
    return spec;
}

Result<ConfiguredScanner> make_configured_scanner(const toml::table& row, std::size_t index) {
    const std::string section = fmt::format("scanners.device #{}", index + 1);
    std::vector<std::string_view> keys(std::begin(k_station_keys), std::end(k_station_keys));
    for (auto setting : devices::scanner_setting_names())
        keys.push_back(setting);
    if (auto checked = check_known_keys(row, section, keys); !checked)
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
    auto spec = scanner_spec(row, section, *name);
    if (!spec) return std::unexpected(spec.error());
    auto scanner = devices::make_scanner(*spec);
    if (!scanner) {
        Error error = scanner.error();
        error.message = fmt::format("[{}] {}", section, error.message);
        return std::unexpected(std::move(error));
    }
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
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const toml::table* row = (*rows)[i].as_table();
        if (!row) return invalid("[[scanners.device]] entries must be tables");
        auto scanner = make_configured_scanner(*row, i);
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
