// [printers] and [labels] parsing; printer drivers made from their rows.
#include "station/printing/printer_config.h"

#include <fmt/format.h>

#include <cstdio>

#include "devices/printer/cups_printer.h"
#include "devices/printer/spool_printer.h"
#include "devices/printer/tcp_printer.h"
#include "devices/printer/usb_printer.h"
#include "devices/transport/tcp_connection.h"

namespace rs::station {
namespace {

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "config");
}

Result<PrinterConfig> parse_printer(const toml::table& row, std::size_t index) {
    const std::string section = fmt::format("printers.device #{}", index + 1);
    if (auto checked = check_known_keys(row, section,
                                        {"name", "driver", "address", "device", "serial", "port",
                                         "queue", "path", "dpi", "timeout_ms"});
        !checked)
        return std::unexpected(checked.error());
    PrinterConfig printer;
    auto name = config_string(row, section, "name", "");
    auto driver = config_string(row, section, "driver", "");
    auto address = config_string(row, section, "address", "");
    auto device = config_string(row, section, "device", "");
    auto serial = config_string(row, section, "serial", "");
    auto port = config_string(row, section, "port", "");
    auto queue = config_string(row, section, "queue", "");
    auto path = config_string(row, section, "path", "");
    auto dpi = config_integer(row, section, "dpi", 203);
    auto timeout = config_integer(row, section, "timeout_ms", 3000);
    for (const auto* value : {&name, &driver, &address, &device, &serial, &port, &queue, &path})
        if (!*value) return std::unexpected(value->error());
    if (!dpi) return std::unexpected(dpi.error());
    if (!timeout) return std::unexpected(timeout.error());
    if (name->empty()) return invalid(fmt::format("[{}] needs name = \"...\"", section));
    printer = {*name,
               *driver,
               *address,
               *device,
               *serial,
               *port,
               *queue,
               *path,
               static_cast<int>(*dpi),
               static_cast<int>(*timeout)};
    if (printer.dpi != 203 && printer.dpi != 300 && printer.dpi != 600)
        return invalid(fmt::format("[{}] dpi must be 203, 300 or 600", section));
    if (printer.timeout_ms < 100)
        return invalid(fmt::format("[{}] timeout_ms must be at least 100", section));
    if (printer.driver == "tcp" && printer.address.empty())
        return invalid(fmt::format("[{}] driver tcp needs address = \"host:9100\"", section));
    if (printer.driver == "usb" && printer.device.empty())
        return invalid(fmt::format("[{}] driver usb needs device = \"VID:PID\"", section));
    if (printer.driver == "cups" && printer.queue.empty())
        return invalid(fmt::format("[{}] driver cups needs queue = \"...\"", section));
    if (printer.driver == "spool" && printer.path.empty())
        return invalid(fmt::format("[{}] driver spool needs path = \"/folder\"", section));
    if (printer.driver != "tcp" && printer.driver != "usb" && printer.driver != "cups" &&
        printer.driver != "spool")
        return invalid(fmt::format("[{}] driver \"{}\" is unknown: use tcp, usb, cups or spool",
                                   section, printer.driver));
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
    if (printer.driver == "tcp") {
        auto address = devices::parse_host_port(printer.address, 9100);
        if (!address) return std::unexpected(address.error());
        devices::TcpPrinterOptions options{printer.name, address->first, address->second};
        options.connect_timeout = options.query_timeout =
            std::chrono::milliseconds(printer.timeout_ms);
        options.io_timeout = std::chrono::milliseconds(printer.timeout_ms * 3);
        return std::make_unique<devices::TcpPrinter>(std::move(options));
    }
    if (printer.driver == "spool")
        return std::make_unique<devices::SpoolPrinter>(printer.name, printer.path);
    if (printer.driver == "cups")
        return std::make_unique<devices::CupsPrinter>(printer.name, printer.queue);
    unsigned vid = 0, pid = 0;
    if (std::sscanf(printer.device.c_str(), "%4x:%4x", &vid, &pid) != 2)
        return invalid(
            fmt::format("printer {}: device must be VID:PID, e.g. \"0a5f:0120\"", printer.name));
    auto usb = devices::UsbContext::shared();
    if (!usb) return std::unexpected(usb.error());
    devices::UsbPrinterOptions options;
    options.name = printer.name;
    options.match = {static_cast<std::uint16_t>(vid), static_cast<std::uint16_t>(pid),
                     printer.serial, printer.port};
    options.timeout_ms = static_cast<unsigned>(printer.timeout_ms);
    return std::make_unique<devices::UsbPrinter>(*usb, std::move(options));
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
