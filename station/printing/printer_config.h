// The [printers] and [labels] sections: which label printers this bench has, and how labels are
// made (resolution, fonts, the repair center's return address).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/printer/printer.h"
#include "labels/print/label_templates.h"
#include "station/printing/print_worker.h"
#include "station/store/config.h"

namespace rs::station {

// [[printers.device]]
// name = "desk"            # what --printer names
// uri = "tcp://192.168.1.50:9100"   # where it is (devices/transport/device_uri.h); also
//                                   # usb://VID:PID?serial=...&port=..., cups://queue, file:///dir
// or the same as a driver and its address:
// driver = "tcp"           # tcp | usb | cups | spool
// address = "192.168.1.50:9100"   # tcp (port 9100 when omitted)
// device = "0a5f:0120"     # usb: VID:PID; serial = "...", port = "1-2" narrow it down
// queue = "zebra-raw"      # cups: a raw queue
// path = "/var/spool/labels"      # spool: folder the jobs are written to
// dpi = 203                # 203 | 300 | 600
// timeout_ms = 3000        # per connection, write or status query
struct PrinterConfig {
    std::string name;
    // The device URI, from `uri` or from the driver's keys; checked when the driver is made, so
    // that `printers list` still shows the other printers.
    std::string uri;
    int dpi = 203;
    int timeout_ms = 3000;
};

struct PrintersConfig {
    std::string default_printer;  // [printers] default; else the first device
    // [printers] intake_tags: the printer that prints a repair-order tag for every order received
    // at this bench, queued with the order itself; empty: intake prints nothing.
    std::string intake_tag_printer;
    BackoffPolicy backoff;  // [printers] retry_first_ms, retry_max_ms
    std::vector<PrinterConfig> devices;
    const PrinterConfig* find(const std::string& name) const;
};

Result<PrintersConfig> parse_printers_config(const StationConfig& config);
// The driver for the printer's URI (devices/printer/printer_factory.h).
Result<std::unique_ptr<devices::Printer>> make_printer(const PrinterConfig& printer);

// [labels]
// resident_font = "E:SIMSUN.TTF"   # a font stored in the printers; empty: bitmaps
// bitmap_font = "/usr/share/fonts/..."  # font file for bitmaps; default Noto Sans CJK
// sender_name / sender_phone / sender_address   # the repair center, on return labels
struct LabelsConfig {
    std::string resident_font;
    std::string bitmap_font;
    nlohmann::json sender = nlohmann::json::object();
};
Result<LabelsConfig> parse_labels_config(const StationConfig& config);

// Everything a template needs for one printer resolution.
Result<labels::TemplateContext> make_template_context(const LabelsConfig& labels, int dpi);

// What intake needs to queue a tag with each new order: null when [printers] intake_tags is
// not set.
struct IntakeTagPrinting {
    std::string printer;
    labels::TemplateContext context;
};
Result<std::optional<IntakeTagPrinting>> intake_tag_printing(const StationConfig& config);

}  // namespace rs::station
