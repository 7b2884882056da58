// `station printers list|status|test`: the configured label printers and what they report.
#include <fmt/format.h>

#include "labels/print/zpl_writer.h"
#include "station/cli/print_support.h"
#include "station/printing/print_queue.h"
#include "station/printing/printer_check.h"

namespace rs::cli {
namespace {

void list_printers(CliContext& context) {
    const station::PrintersConfig* printers = printers_config(context);
    if (!printers) return;
    if (printers->devices.empty()) {
        fmt::print("no printers configured: add [[printers.device]] rows (docs/printing.md)\n");
        return;
    }
    for (const auto& printer : printers->devices) {
        fmt::print("{} {:<12} {:<32} {} dpi\n",
                   printer.name == printers->default_printer ? '*' : ' ', printer.name,
                   station::describe_printer(printer), printer.dpi);
    }
}

void show_status(CliContext& context, const std::string& name) {
    const station::PrintersConfig* printers = printers_config(context);
    if (!printers) return;
    std::vector<const station::PrinterConfig*> chosen;
    if (name.empty()) {
        for (const auto& printer : printers->devices)
            chosen.push_back(&printer);
    } else if (const auto* printer = choose_printer(context, name)) {
        chosen.push_back(printer);
    } else {
        return;
    }
    if (chosen.empty()) {
        fmt::print("no printers configured: add [[printers.device]] rows (docs/printing.md)\n");
        return;
    }
    for (const auto* printer : chosen) {
        auto check = station::check_printer(*printer);
        if (!check) return context.report(check.error());
        const devices::PrinterCondition& condition = check->condition;
        fmt::print("{}: {}: {}\n", printer->name, devices::readiness_name(condition.readiness),
                   condition.message);
        if (check->status && check->status->answered)
            fmt::print("    formats waiting {}, labels remaining {}{}\n",
                       check->status->formats_in_buffer, check->status->labels_remaining,
                       check->status->partial_format ? ", a partial format is in its buffer" : "");
        if (const auto& identity = check->identity) {
            fmt::print("    {} firmware {}, {} dpi{}\n", identity->model, identity->firmware,
                       identity->dpi(),
                       check->known_model.empty()
                           ? ""
                           : fmt::format(" (known model: {})", check->known_model));
            if (identity->dpi() && identity->dpi() != printer->dpi)
                fmt::print("    note: the configuration says dpi = {}, the printer {}\n",
                           printer->dpi, identity->dpi());
        }
        if (condition.readiness != devices::PrinterReadiness::Ready)
            context.exit_code = k_exit_needs_attention;
    }
}

void print_test(CliContext& context, const std::string& name, const std::string& operator_id) {
    const station::PrinterConfig* printer = choose_printer(context, name);
    if (!printer) return;
    auto label_context = template_context(context, printer->dpi);
    if (!label_context) return;
    auto store = context.open_store();
    if (!store) return;
    auto person = context.acting_person(*store, operator_id);
    if (!person) return;
    nlohmann::json data = {
        {"location", "TEST-" + printer->name},
        {"name", fmt::format("{} test {} dpi 测试", printer->name, printer->dpi)}};
    auto label = labels::build_label("location-label", data, *label_context);
    if (!label) return context.report(label.error());
    station::NewPrintJob job{printer->name, "location-label", data, labels::to_zpl(*label), 1,
                             person->id,    std::nullopt};
    auto queued = station::submit_print_job(*store, job);
    if (!queued) return context.report(queued.error());
    fmt::print("job {} queued: a test label for {}\n", queued->number, printer->name);
    run_printer_queue(context, *store, *printer, 10);
}

}  // namespace

void add_printers_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "printers",
        "Label printers of the configuration ([[printers.device]]): list, status, test");
    command->require_subcommand(1);
    auto* list = command->add_subcommand("list", "The configured printers (* marks the default)");
    list->callback([&context] { list_printers(context); });

    auto name = std::make_shared<std::string>();
    auto* status = command->add_subcommand(
        "status",
        "Ask each printer (or NAME) for its state (~HS, ~HQES, ~HI) and say what to do about it; "
        "exit code 3 when one is not ready");
    status->add_option("NAME", *name, "One printer");
    status->callback([&context, name] { show_status(context, *name); });

    auto test_name = std::make_shared<std::string>();
    auto operator_id = std::make_shared<std::string>();
    auto* test = command->add_subcommand(
        "test", "Print a test label (through the queue) on NAME or the default printer");
    test->add_option("NAME", *test_name, "The printer");
    test->add_option("--operator", *operator_id,
                     "Badge of who prints (or STATION_OPERATOR); the PIN is asked");
    test->callback(
        [&context, test_name, operator_id] { print_test(context, *test_name, *operator_id); });
}

}  // namespace rs::cli
