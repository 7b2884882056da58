// Shared plumbing of the printing commands.
#include "station/cli/print_support.h"

#include <fmt/format.h>

#include <iostream>

#include "common/bounded_read.h"
#include "common/json_nesting.h"

namespace rs::cli {

Result<nlohmann::json> read_json_file(const std::string& path) {
    auto text = path == "-" ? read_stream_bounded(std::cin, k_longest_document, "standard input")
                            : read_file_bounded(path, k_longest_document, "the file");
    if (!text) return std::unexpected(text.error());
    if (auto nesting = check_json_nesting(*text, path, "cli"); !nesting)
        return std::unexpected(nesting.error());
    try {
        return nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception& error) {
        // parse_error, and out_of_range for a number no double holds (1e400), which used to
        // abort `station print` (the web's request bodies had the same gap).
        return fail(ErrorCode::Invalid, fmt::format("{} is not valid JSON: {}", path, error.what()),
                    "cli");
    }
}

const station::PrintersConfig* printers_config(CliContext& context) {
    static std::optional<station::PrintersConfig> cached;
    if (cached) return &*cached;
    const station::StationConfig* config = context.config();
    if (!config) return nullptr;
    auto parsed = station::parse_printers_config(*config);
    if (!parsed) {
        context.report(parsed.error());
        return nullptr;
    }
    cached = std::move(*parsed);
    return &*cached;
}

const station::PrinterConfig* choose_printer(CliContext& context, const std::string& name) {
    const station::PrintersConfig* printers = printers_config(context);
    if (!printers) return nullptr;
    std::string wanted = name.empty() ? printers->default_printer : name;
    if (wanted.empty()) {
        context.report({ErrorCode::Invalid,
                        "no printer is configured: add a [[printers.device]] to the configuration "
                        "(docs/printing.md), or write the label to a file with --out FILE.zpl",
                        "cli"});
        return nullptr;
    }
    const station::PrinterConfig* found = printers->find(wanted);
    if (!found) {
        std::string names;
        for (const auto& printer : printers->devices)
            names += (names.empty() ? "" : ", ") + printer.name;
        context.report({ErrorCode::NotFound,
                        fmt::format("no printer \"{}\" in the configuration{}", wanted,
                                    names.empty() ? "" : " (there are: " + names + ")"),
                        "cli"});
    }
    return found;
}

std::optional<labels::TemplateContext> template_context(CliContext& context, int dpi) {
    const station::StationConfig* config = context.config();
    if (!config) return std::nullopt;
    auto labels_config = station::parse_labels_config(*config);
    if (!labels_config) {
        context.report(labels_config.error());
        return std::nullopt;
    }
    auto made = station::make_template_context(*labels_config, dpi);
    if (!made) {
        context.report(made.error());
        return std::nullopt;
    }
    return std::move(*made);
}

std::optional<PrintingAs> printing_as(CliContext& context, const std::string& printer,
                                      const std::string& operator_id) {
    if (!context.config()) return std::nullopt;
    PrintingAs found;
    found.printer = choose_printer(context, printer);
    if (!found.printer) return std::nullopt;
    auto labels = template_context(context, found.printer->dpi);
    if (!labels) return std::nullopt;
    found.labels = std::move(*labels);
    found.store = context.open_store();
    if (!found.store) return std::nullopt;
    auto person = context.acting_person(*found.store, operator_id);
    if (!person) return std::nullopt;
    found.person = std::move(*person);
    return found;
}

std::optional<station::PassReport> run_printer_queue(CliContext& context,
                                                     station::StationStore& store,
                                                     const station::PrinterConfig& printer,
                                                     double wait_seconds) {
    const station::PrintersConfig* printers = printers_config(context);
    auto report = station::send_queued_jobs(
        store, printer, printers ? printers->backoff : station::BackoffPolicy{},
        [](const station::PrintJob& job, const std::string& message) {
            fmt::print("job {} {}: {}\n", job.number, name_of(job.state), message);
            std::fflush(stdout);
        },
        std::chrono::milliseconds(static_cast<long>(std::max(wait_seconds, 0.0) * 1000)));
    if (!report) {
        context.report(report.error());
        return std::nullopt;
    }
    if (report->waiting > 0 || report->needs_person > 0) {
        if (report->waiting > 0)
            fmt::print(
                "{} job(s) wait for printer {}{}; they are kept and printed once it is ready "
                "(`station jobs run` tries again, `station jobs list` shows them)\n",
                report->waiting, printer.name,
                report->printer_message.empty() ? "" : ": " + report->printer_message);
        if (report->needs_person > 0)
            fmt::print("{} job(s) need a person: see `station jobs list --state failed`\n",
                       report->needs_person);
        context.exit_code = k_exit_needs_attention;
    }
    return *report;
}

}  // namespace rs::cli
