// `station qa start|record|show|finish|report RO-…`: the technician's QA of a repaired device
// against its category's checklist (docs/policy.md), and the order's repair report.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/print_support.h"
#include "station/orders/policy_store.h"
#include "station/orders/qa.h"
#include "station/orders/repair_report.h"

namespace rs::cli {
namespace {

struct Options {
    std::string number, operator_id, note, value, photo, printer;
    std::vector<std::string> repair_codes;
    int step = 0;
    bool pass = false, fail = false, json = false, print = false;
    double wait = 10;
};

const char* result_mark(const std::optional<station::QaResult>& result) {
    if (!result) return "[    ]";
    return result->passed ? "[PASS]" : "[FAIL]";
}

void print_attempt(const station::QaAttempt& attempt) {
    fmt::print("{} QA attempt {} ({}): {} — {} {}, policy {}\n", attempt.order_number,
               attempt.attempt, name_of(attempt.outcome), attempt.checklist.title, attempt.category,
               format_utc_ms(attempt.started_ms), attempt.policy_version);
    for (std::size_t i = 0; i < attempt.checklist.steps.size(); ++i) {
        const auto& step = attempt.checklist.steps[i];
        const auto& result = attempt.results[i];
        std::string expected = step.kind == station::QaStepKind::Measured
                                   ? fmt::format("{} ({})", step.expected, step.limits_text())
                                   : step.expected;
        fmt::print("  {} {}. {} [{}] expected: {}\n", result_mark(result), i + 1, step.text,
                   name_of(step.kind), expected);
        if (!result) continue;
        if (!result->value.empty())
            fmt::print("         measured {} {}\n", result->value, step.unit);
        if (!result->photo_id.empty()) fmt::print("         photo {}\n", result->photo_id);
        if (!result->note.empty()) fmt::print("         note: {}\n", result->note);
    }
    if (!attempt.reason.empty()) fmt::print("  back to repair: {}\n", attempt.reason);
}

void run_start(CliContext& context, const Options& options) {
    as_person(context, options.operator_id,
              [&](station::StationStore& store, const std::string& badge) {
                  // The configured policy file is put in force first, so QA checks against it.
                  if (!policy_for(context, store)) return;
                  auto started = station::start_qa(
                      store, {options.number, badge, options.repair_codes, options.note});
                  if (!started) return context.report(started.error());
                  print_attempt(*started);
                  fmt::print(
                      "record each step: station qa record {} STEP --pass|--fail|--value V|--photo "
                      "ID\n",
                      options.number);
              });
}

void run_record(CliContext& context, const Options& options) {
    if (options.pass && options.fail)
        return context.report({ErrorCode::Invalid, "give --pass or --fail, not both", "qa"});
    as_person(
        context, options.operator_id, [&](station::StationStore& store, const std::string& badge) {
            station::QaRecord record{options.number, options.step, std::nullopt, options.value,
                                     options.photo,  options.note, badge};
            if (options.pass) record.passed = true;
            if (options.fail) record.passed = false;
            auto recorded = station::record_qa_result(store, record);
            if (!recorded) return context.report(recorded.error());
            fmt::print("{} step {}: {}{}\n", options.number, recorded->step,
                       recorded->passed ? "pass" : "FAIL",
                       recorded->value.empty() ? "" : " (measured " + recorded->value + ")");
        });
}

void run_show(CliContext& context, const Options& options) {
    auto store = context.open_store();
    if (!store) return;
    auto attempts = station::qa_attempts(*store, options.number);
    if (!attempts) return context.report(attempts.error());
    if (options.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& attempt : *attempts)
            list.push_back(station::qa_attempt_to_json(attempt));
        fmt::print("{}\n", list.dump(2));
        return;
    }
    if (attempts->empty())
        fmt::print("{}: no QA yet (station qa start {} once the repair is done)\n", options.number,
                   options.number);
    for (const auto& attempt : *attempts)
        print_attempt(attempt);
}

void run_finish(CliContext& context, const Options& options) {
    as_person(
        context, options.operator_id, [&](station::StationStore& store, const std::string& badge) {
            auto finished = station::finish_qa(store, options.number, badge, options.note);
            if (!finished) return context.report(finished.error());
            const auto& attempt = finished->attempt;
            if (attempt.outcome == station::QaOutcome::Passed) {
                auto yield = station::qa_yield(store, attempt.order_id);
                fmt::print("{} passed QA at attempt {}{}: {}\n", options.number, attempt.attempt,
                           yield && yield->first_pass ? " (first pass)" : "",
                           name_of(finished->order.state));
            } else {
                fmt::print("{} failed QA attempt {}: back to {}\n  reason: {}\n", options.number,
                           attempt.attempt, name_of(finished->order.state), attempt.reason);
            }
        });
}

void run_report(CliContext& context, const Options& options) {
    if (options.print) {
        auto printing = printing_as(context, options.printer, options.operator_id);
        if (!printing) return;
        auto& [printer, labels, store, person] = *printing;
        auto jobs = station::print_repair_report(
            *store, {options.number, person.id, printer->name, labels});
        if (!jobs) return context.report(jobs.error());
        for (const auto& job : *jobs)
            fmt::print("repair report page job {} queued for {}\n", job.number, printer->name);
        run_printer_queue(context, *store, *printer, options.wait);
        return;
    }
    auto store = context.open_store();
    if (!store) return;
    auto order = station::require_order(*store, options.number, "qa");
    if (!order) return context.report(order.error());
    auto report = station::repair_report(*store, *order);
    if (!report) return context.report(report.error());
    if (options.json) {
        fmt::print("{}\n", report->dump(2));
        return;
    }
    for (const auto& line : station::repair_report_lines(*report))
        fmt::print("{}\n", line);
}

}  // namespace

void add_qa_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<Options>();
    auto* qa = app.add_subcommand(
        "qa",
        "Quality checks of a repaired device against its category's checklist (the policy's "
        "[qa.CATEGORY]), and its repair report");
    qa->require_subcommand(1);
    auto add_order = [&](CLI::App* command) {
        command->add_option("ORDER", options->number, "The repair order (RO-…)")->required();
    };
    auto add_operator = [&](CLI::App* command) {
        command->add_option("--operator", options->operator_id,
                            "Badge of who checks (or STATION_OPERATOR); technician or supervisor");
    };

    auto* start = qa->add_subcommand(
        "start",
        "The repair is done: move the order from in_repair to qa and record the checklist of its "
        "category in the policy in force (a later policy does not change it). Its parts must be "
        "settled (consumed or put back)");
    add_order(start);
    add_operator(start);
    start->add_option("--repair-code", options->repair_codes,
                      "What the repair did: a repair code of the category's fault catalog "
                      "(repeatable; shown on the repair report)");
    start->add_option("--note", options->note, "A note for the audit log");
    start->callback([&context, options] { run_start(context, *options); });

    auto* record = qa->add_subcommand(
        "record",
        "Record one step's result: --pass or --fail for a pass/fail step, --value for a "
        "measured step (its limits decide), --photo for a photo step (a photo of this order: "
        "station photos list --order RO-…). Recording a step again replaces its result");
    add_order(record);
    record->add_option("STEP", options->step, "The step's number (station qa show RO-…)")
        ->required()
        ->check(CLI::Range(1, 1000));
    add_operator(record);
    record->add_flag("--pass", options->pass, "The step passed");
    record->add_flag("--fail", options->fail, "The step failed (say what you saw with --note)");
    record->add_option("--value", options->value,
                       "The measured value, in the step's unit, e.g. 3.92");
    record->add_option("--photo", options->photo, "Photo id (or SHA-256 prefix) that shows it");
    record->add_option("--note", options->note, "What you saw");
    record->callback([&context, options] { run_record(context, *options); });

    auto* show = qa->add_subcommand(
        "show", "Every QA attempt of the order: its checklist, each step's result, the outcome");
    add_order(show);
    show->add_flag("--json", options->json, "As JSON");
    show->callback([&context, options] { run_show(context, *options); });

    auto* finish = qa->add_subcommand(
        "finish",
        "End QA: every step passed moves the order to ready_to_ship (the qa_passed event carries "
        "the repair report); a failed step sends it back to in_repair with the failed steps as "
        "the reason. Steps without a result and none failed: refused");
    add_order(finish);
    add_operator(finish);
    finish->add_option("--note", options->note, "Added to the reason (a failed QA) or the audit");
    finish->callback([&context, options] { run_finish(context, *options); });

    auto* report = qa->add_subcommand(
        "report",
        "The repair report: fault and repair codes, parts used (lot, serial, cost), firmware "
        "flashed, QA results, photos. --print queues it on a label printer (4\" x 6\" pages)");
    add_order(report);
    report->add_flag("--json", options->json, "As JSON (what the qa_passed event carries)");
    report->add_flag("--print", options->print, "Print it through the print queue");
    report->add_option("--printer", options->printer,
                       "With --print: the printer (default: [printers] default)");
    report->add_option("--operator", options->operator_id,
                       "With --print: badge of who prints (or STATION_OPERATOR)");
    report
        ->add_option("--wait", options->wait,
                     "With --print: seconds to wait for the pages to print (0: queue only)")
        ->check(CLI::Range(0.0, 600.0));
    report->callback([&context, options] { run_report(context, *options); });
}

}  // namespace rs::cli
