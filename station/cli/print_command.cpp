// `station print TEMPLATE --data FILE.json [--printer NAME | --out FILE.zpl] [--copies N]` and
// `station print preview TEMPLATE --data FILE.json --png FILE.png`.
#include <fmt/format.h>

#include <fstream>

#include "labels/print/label_preview.h"
#include "labels/print/zpl_writer.h"
#include "station/cli/print_support.h"
#include "station/orders/repair_orders.h"
#include "station/printing/print_queue.h"

namespace rs::cli {
namespace {

struct PrintOptions {
    std::string template_name;
    std::string data_path;
    std::string printer;
    std::string out;
    std::string png;
    std::string operator_id;
    std::string order;
    int copies = 1;
    int dpi = 0;
    double wait = 10;
};

std::string template_help() {
    std::string help = "Templates and their data (a JSON object):\n";
    for (const auto& label : labels::label_templates())
        help += fmt::format("  {:<15} {}\n  {:<15} keys: {}\n", label.name, label.description, "",
                            label.fields_help);
    help +=
        "Examples: examples/*.json. Text in any script prints (as a bitmap, or in the "
        "printer's resident font when [labels] resident_font names one).";
    return help;
}

bool write_file(CliContext& context, const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        context.report({ErrorCode::Io, fmt::format("cannot write {}", path), "cli"});
        return false;
    }
    return true;
}

// The label for `options`, at the resolution of the printer it goes to.
std::optional<labels::Label> make_label(CliContext& context, const PrintOptions& options, int dpi) {
    auto data = read_json_file(options.data_path);
    if (!data) {
        context.report(data.error());
        return std::nullopt;
    }
    auto template_context_value = template_context(context, dpi);
    if (!template_context_value) return std::nullopt;
    auto label = labels::build_label(options.template_name, *data, *template_context_value);
    if (!label) {
        context.report(label.error());
        return std::nullopt;
    }
    return std::move(*label);
}

void print_label(CliContext& context, const PrintOptions& options) {
    if (!options.out.empty() && !options.printer.empty())
        return context.report(
            {ErrorCode::Invalid, "give either --printer NAME or --out FILE.zpl, not both", "cli"});
    if (!options.out.empty()) {
        auto label = make_label(context, options, options.dpi ? options.dpi : 203);
        if (!label) return;
        if (!write_file(context, options.out, labels::to_zpl(*label, options.copies))) return;
        fmt::print("wrote {} ({} label, {}x{} dots at {} dpi)\n", options.out,
                   options.template_name, label->size.width, label->size.height, label->size.dpi);
        return;
    }
    const station::PrinterConfig* printer = choose_printer(context, options.printer);
    if (!printer) return;
    auto label = make_label(context, options, options.dpi ? options.dpi : printer->dpi);
    if (!label) return;
    auto store = context.open_store();
    if (!store) return;
    auto person = context.acting_person(*store, options.operator_id);
    if (!person) return;
    station::NewPrintJob job;
    job.printer = printer->name;
    job.template_name = options.template_name;
    job.data = *read_json_file(options.data_path);
    job.zpl = labels::to_zpl(*label);
    job.copies = options.copies;
    job.operator_id = person->id;
    if (!options.order.empty()) {
        auto order = station::find_order_by_number(*store, options.order);
        if (!order) return context.report(order.error());
        if (!*order)
            return context.report({ErrorCode::NotFound,
                                   fmt::format("no repair order {} in this store", options.order),
                                   "cli"});
        job.repair_order_id = (*order)->id;
    }
    auto queued = station::submit_print_job(*store, job);
    if (!queued) return context.report(queued.error());
    fmt::print("job {} queued for {} ({} {})\n", queued->number, printer->name, options.copies,
               options.copies == 1 ? "copy" : "copies");
    run_printer_queue(context, *store, *printer, options.wait);
}

void preview_label(CliContext& context, const PrintOptions& options) {
    auto label = make_label(context, options, options.dpi ? options.dpi : 203);
    if (!label) return;
    auto labels_config = station::parse_labels_config(*context.config());
    auto raster = labels::TextRaster::open(labels_config ? labels_config->bitmap_font : "");
    if (!raster) return context.report(raster.error());
    auto png = labels::render_preview_png(*label, **raster);
    if (!png) return context.report(png.error());
    if (!write_file(context, options.png, *png)) return;
    fmt::print("wrote {} ({}x{} pixels, one per printer dot at {} dpi)\n", options.png,
               label->size.width, label->size.height, label->size.dpi);
}

// Not marked required: `print preview ...` leaves them empty on `print` itself.
void add_template_options(CLI::App* command, PrintOptions& options) {
    std::vector<std::string> names;
    for (const auto& label : labels::label_templates())
        names.emplace_back(label.name);
    command->add_option("TEMPLATE", options.template_name, "Which label (see below)")
        ->check(CLI::IsMember(names));
    command->add_option("--data", options.data_path, "The label's data: a JSON file, - for stdin");
    command->add_option("--dpi", options.dpi, "Printer resolution (default: the printer's, or 203)")
        ->check(CLI::IsMember({203, 300, 600}));
}

}  // namespace

void add_print_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<PrintOptions>();
    auto* command = app.add_subcommand(
        "print",
        "Print a label: fill a template with JSON data, send it through the print queue to a "
        "printer (or write its ZPL to a file)");
    command->footer(template_help());
    add_template_options(command, *options);
    command->add_option("--printer", options->printer,
                        "Printer of the configuration (default: [printers] default)");
    command->add_option("--out", options->out, "Write the ZPL to this file instead of printing");
    command->add_option("--copies", options->copies, "How many labels")->check(CLI::Range(1, 999));
    command->add_option("--operator", options->operator_id,
                        "Badge of who prints (or STATION_OPERATOR); the PIN is asked");
    command->add_option("--order", options->order, "The repair order the label belongs to");
    command->add_option("--wait", options->wait,
                        "Seconds to keep trying while the printer is not ready (the job stays "
                        "queued afterwards)");
    auto preview_app = std::make_shared<CLI::App*>(nullptr);
    command->callback([&context, options, preview_app] {
        if (*preview_app && (*preview_app)->parsed()) return;
        if (!context.config()) return;
        if (options->template_name.empty() || options->data_path.empty())
            return context.report({ErrorCode::Invalid,
                                   "usage: station print TEMPLATE --data FILE.json [--printer NAME "
                                   "| --out FILE.zpl]; see station print --help",
                                   "cli"});
        print_label(context, *options);
    });

    auto preview_options = std::make_shared<PrintOptions>();
    auto* preview = command->add_subcommand(
        "preview", "Draw a label to a PNG (one pixel per printer dot) instead of printing it");
    add_template_options(preview, *preview_options);
    preview->add_option("--png", preview_options->png, "The PNG file to write")->required();
    preview->callback([&context, preview_options] {
        if (!context.config()) return;
        if (preview_options->template_name.empty() || preview_options->data_path.empty())
            return context.report({ErrorCode::Invalid,
                                   "usage: station print preview TEMPLATE --data FILE.json --png "
                                   "FILE.png",
                                   "cli"});
        preview_label(context, *preview_options);
    });
    *preview_app = preview;
    command->require_subcommand(0, 1);
}

}  // namespace rs::cli
