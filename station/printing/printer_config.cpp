// [printers] and [labels] parsing; each printer row becomes a device URI the printer factory
// makes the driver from.
#include "station/printing/printer_config.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>
#include <utility>

#include "devices/printer/printer_factory.h"
#include "devices/transport/device_uri.h"

namespace rs::station {
namespace {

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "config");
}

// The row's printer address keys, as written.
struct AddressKeys {
    std::string uri, driver, address, device, serial, port, queue, path;
};

// The keys a row names its printer with when it has no uri: each driver and the key that holds
// its address.
struct DriverKey {
    std::string_view driver;
    std::string_view key;
    std::string AddressKeys::*value;
    std::string_view example;
};
constexpr DriverKey k_driver_keys[] = {{"tcp", "address", &AddressKeys::address, "host:9100"},
                                       {"usb", "device", &AddressKeys::device, "VID:PID"},
                                       {"cups", "queue", &AddressKeys::queue, "..."},
                                       {"spool", "path", &AddressKeys::path, "/folder"}};

std::string uri_from_keys(const AddressKeys& keys) {
    devices::DeviceUri uri;
    if (keys.driver == "tcp") return "tcp://" + keys.address;
    if (keys.driver == "cups") {
        uri.scheme = "cups";
        uri.host = keys.queue;
    } else if (keys.driver == "spool") {
        uri.scheme = "file";
        uri.path = keys.path;
    } else {
        auto ids = devices::parse_usb_id(keys.device);
        // Not VID:PID: left as written, so making the driver says what is wrong with it.
        if (!ids) return "usb://" + keys.device;
        uri.scheme = "usb";
        uri.usb = *ids;
        uri.usb.serial = keys.serial;
        uri.usb.port_path = keys.port;
    }
    return uri.to_string();
}

Result<std::string> printer_uri(const AddressKeys& keys, const std::string& section) {
    if (!keys.uri.empty()) {
        for (const auto* other : {&keys.driver, &keys.address, &keys.device, &keys.serial,
                                  &keys.port, &keys.queue, &keys.path})
            if (!other->empty())
                return invalid(
                    fmt::format("[{}] uri names the printer already: drop driver, "
                                "address, device, serial, port, queue and path",
                                section));
        return keys.uri;
    }
    for (const auto& driver : k_driver_keys) {
        if (keys.driver != driver.driver) continue;
        const std::string& value = keys.*driver.value;
        if (value.empty())
            return invalid(fmt::format("[{}] driver {} needs {} = \"{}\"", section, driver.driver,
                                       driver.key, driver.example));
        return uri_from_keys(keys);
    }
    return invalid(
        fmt::format("[{}] driver \"{}\" is unknown: use tcp, usb, cups or spool, or give uri = "
                    "\"...\" instead ({})",
                    section, keys.driver, fmt::join(devices::device_uri_examples(), ", ")));
}

Result<PrinterConfig> parse_printer(const toml::table& row, std::size_t index) {
    const std::string section = fmt::format("printers.device #{}", index + 1);
    if (auto checked = check_known_keys(row, section,
                                        {"name", "uri", "driver", "address", "device", "serial",
                                         "port", "queue", "path", "dpi", "timeout_ms"});
        !checked)
        return std::unexpected(checked.error());
    AddressKeys keys;
    auto name = config_string(row, section, "name", "");
    if (!name) return std::unexpected(name.error());
    std::pair<const char*, std::string*> texts[] = {
        {"uri", &keys.uri},       {"driver", &keys.driver}, {"address", &keys.address},
        {"device", &keys.device}, {"serial", &keys.serial}, {"port", &keys.port},
        {"queue", &keys.queue},   {"path", &keys.path}};
    for (auto [key, target] : texts) {
        auto value = config_string(row, section, key, "");
        if (!value) return std::unexpected(value.error());
        *target = std::move(*value);
    }
    auto dpi = config_integer(row, section, "dpi", 203);
    auto timeout = config_integer(row, section, "timeout_ms", 3000);
    if (!dpi) return std::unexpected(dpi.error());
    if (!timeout) return std::unexpected(timeout.error());
    if (name->empty()) return invalid(fmt::format("[{}] needs name = \"...\"", section));
    PrinterConfig printer{*name, "", static_cast<int>(*dpi), static_cast<int>(*timeout)};
    if (printer.dpi != 203 && printer.dpi != 300 && printer.dpi != 600)
        return invalid(fmt::format("[{}] dpi must be 203, 300 or 600", section));
    if (printer.timeout_ms < 100)
        return invalid(fmt::format("[{}] timeout_ms must be at least 100", section));
    auto uri = printer_uri(keys, section);
    if (!uri) return std::unexpected(uri.error());
    printer.uri = std::move(*uri);
    return printer;
}

}  // namespace

const PrinterConfig* PrintersConfig::find(const std::string& name) const {
    for (const auto& printer : devices)
        if (printer.name == name) return &printer;
    return nullptr;
}

Result<PrintersConfig> parse_printers_config(const StationConfig& config) {
    PrintersConfig result;
    const toml::table* section = config.document["printers"].as_table();
    if (!section) return result;
    if (auto checked = check_known_keys(
            *section, "printers",
            {"default", "intake_tags", "retry_first_ms", "retry_max_ms", "device"});
        !checked)
        return std::unexpected(checked.error());
    auto default_name = config_string(*section, "printers", "default", "");
    auto intake_tags = config_string(*section, "printers", "intake_tags", "");
    if (!intake_tags) return std::unexpected(intake_tags.error());
    auto first = config_integer(*section, "printers", "retry_first_ms", 500);
    auto max = config_integer(*section, "printers", "retry_max_ms", 30000);
    if (!default_name) return std::unexpected(default_name.error());
    if (!first) return std::unexpected(first.error());
    if (!max) return std::unexpected(max.error());
    if (*first < 1 || *max < *first)
        return invalid("[printers] retry_first_ms must be at least 1 and not above retry_max_ms");
    result.backoff = {*first, *max};
    if (const toml::node* rows_node = section->get("device")) {
        const toml::array* rows = rows_node->as_array();
        if (!rows) return invalid("[printers] device must be a list: write [[printers.device]]");
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const toml::table* row = (*rows)[i].as_table();
            if (!row) return invalid("[[printers.device]] entries must be tables");
            auto printer = parse_printer(*row, i);
            if (!printer) return std::unexpected(printer.error());
            if (result.find(printer->name))
                return invalid(fmt::format("two printers are named \"{}\"", printer->name));
            result.devices.push_back(std::move(*printer));
        }
    }
    result.default_printer = *default_name;
    if (!result.default_printer.empty() && !result.find(result.default_printer))
        return invalid(fmt::format("[printers] default = \"{}\" names no [[printers.device]]",
                                   result.default_printer));
    if (result.default_printer.empty() && !result.devices.empty())
        result.default_printer = result.devices.front().name;
    result.intake_tag_printer = *intake_tags;
    if (!result.intake_tag_printer.empty() && !result.find(result.intake_tag_printer))
        return invalid(fmt::format("[printers] intake_tags = \"{}\" names no [[printers.device]]",
                                   result.intake_tag_printer));
    return result;
}

Result<std::optional<IntakeTagPrinting>> intake_tag_printing(const StationConfig& config) {
    auto printers = parse_printers_config(config);
    if (!printers) return std::unexpected(printers.error());
    const PrinterConfig* printer = printers->find(printers->intake_tag_printer);
    if (printers->intake_tag_printer.empty() || !printer) return std::nullopt;
    auto labels = parse_labels_config(config);
    if (!labels) return std::unexpected(labels.error());
    auto context = make_template_context(*labels, printer->dpi);
    if (!context) return std::unexpected(context.error());
    return IntakeTagPrinting{printer->name, std::move(*context)};
}

Result<std::unique_ptr<devices::Printer>> make_printer(const PrinterConfig& printer) {
    auto made = devices::make_printer(
        printer.uri, {printer.name, std::chrono::milliseconds(printer.timeout_ms)});
    if (!made) {
        Error error = made.error();
        error.message = fmt::format("printer {}: {}", printer.name, error.message);
        return std::unexpected(std::move(error));
    }
    return made;
}

Result<LabelsConfig> parse_labels_config(const StationConfig& config) {
    LabelsConfig result;
    const toml::table* section = config.document["labels"].as_table();
    if (!section) return result;
    if (auto checked = check_known_keys(
            *section, "labels",
            {"resident_font", "bitmap_font", "sender_name", "sender_phone", "sender_address"});
        !checked)
        return std::unexpected(checked.error());
    auto resident = config_string(*section, "labels", "resident_font", "");
    auto bitmap = config_string(*section, "labels", "bitmap_font", "");
    auto name = config_string(*section, "labels", "sender_name", "");
    auto phone = config_string(*section, "labels", "sender_phone", "");
    auto address = config_string(*section, "labels", "sender_address", "");
    for (const auto* value : {&resident, &bitmap, &name, &phone, &address})
        if (!*value) return std::unexpected(value->error());
    // ^CW takes a device letter and a file name: "E:SIMSUN.TTF".
    if (!resident->empty() && (resident->size() < 3 || (*resident)[1] != ':'))
        return invalid(
            "[labels] resident_font must be DEVICE:FILE as the printer stores it, e.g. "
            "\"E:SIMSUN.TTF\"");
    result.resident_font = *resident;
    result.bitmap_font = *bitmap;
    if (!name->empty()) result.sender["name"] = *name;
    if (!phone->empty()) result.sender["phone"] = *phone;
    if (!address->empty()) result.sender["address"] = *address;
    return result;
}

Result<labels::TemplateContext> make_template_context(const LabelsConfig& labels, int dpi) {
    labels::TemplateContext context;
    context.dpi = dpi;
    context.sender = labels.sender;
    context.text.resident_font = labels.resident_font;
    auto raster = labels::TextRaster::open(labels.bitmap_font);
    // A configured font must load; without any CJK font installed, ASCII labels still print
    // and a label that needs one says so.
    if (!raster && !labels.bitmap_font.empty()) return std::unexpected(raster.error());
    if (raster) context.text.raster = std::move(*raster);
    return context;
}

}  // namespace rs::station
