// `station jobs list|run|retry|cancel|reprint`: the print queue, for people.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/print_support.h"
#include "station/printing/print_queue.h"

namespace rs::cli {
namespace {

struct JobsOptions {
    std::string state;
    std::string printer;
    std::int64_t number = 0;
    std::string operator_id;
    std::string reason;
    bool json = false;
    double wait = 10;
};

nlohmann::json job_to_json(const station::PrintJob& job) {
    nlohmann::json out = {{"number", job.number},
                          {"id", job.id},
                          {"printer", job.printer},
                          {"template", job.template_name},
                          {"copies", job.copies},
                          {"state", name_of(job.state)},
                          {"attention", job.attention},
                          {"attempts", job.attempts},
                          {"last_error", job.last_error},
                          {"operator", job.operator_id},
                          {"created", format_utc_ms(job.created_ms)},
                          {"updated", format_utc_ms(job.updated_ms)}};
    if (job.reprint_of) out["reprint_of"] = *job.reprint_of;
    if (!job.reason.empty()) out["reason"] = job.reason;
    return out;
}

void list_jobs(CliContext& context, const JobsOptions& options) {
    auto store = context.open_store();
    if (!store) return;
    station::JobFilter filter;
    if (!options.state.empty()) filter.state = parse_enum<station::JobState>(options.state);
    if (!options.printer.empty()) filter.printer = options.printer;
    filter.limit = 1000;
    auto jobs = station::list_print_jobs(*store, filter);
    if (!jobs) return context.report(jobs.error());
    if (options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& job : *jobs)
            out.push_back(job_to_json(job));
        fmt::print("{}\n", out.dump(2));
        return;
    }
    if (jobs->empty()) fmt::print("no print jobs\n");
    for (const auto& job : *jobs) {
        fmt::print("{:>5}  {:<9} {:<10} {:<14} x{:<3} {}{}\n", job.number, name_of(job.state),
                   job.printer, job.template_name, job.copies, format_utc_ms(job.updated_ms),
                   job.reason.empty() ? "" : "  reprint: " + job.reason);
        if (!job.attention.empty())
            fmt::print("       needs a person: {}\n", job.attention);
        else if (!job.last_error.empty() && job.state != station::JobState::Sent)
            fmt::print("       {}\n", job.last_error);
    }
}

// Runs the queue of every printer that has waiting jobs (or only --printer).
void run_queues(CliContext& context, station::StationStore& store, const std::string& only,
                double wait) {
    const station::PrintersConfig* printers = printers_config(context);
    if (!printers) return;
    for (const auto& printer : printers->devices) {
        if (!only.empty() && printer.name != only) continue;
        auto pending = station::list_print_jobs(
            store, {.state = std::nullopt, .printer = printer.name, .limit = 100000});
        if (!pending) return context.report(pending.error());
        bool any = std::any_of(pending->begin(), pending->end(), [](const auto& job) {
            return job.state == station::JobState::Queued ||
                   job.state == station::JobState::Sending;
        });
        if (any) run_printer_queue(context, store, printer, wait);
    }
}

}  // namespace

void add_jobs_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "jobs",
        "The label print queue: list jobs, run the queue, retry or cancel a job that needs a "
        "person, reprint a label with a reason");
    command->require_subcommand(1);

    auto list_options = std::make_shared<JobsOptions>();
    auto* list = command->add_subcommand("list", "Print jobs, oldest first");
    list->add_option("--state", list_options->state, "Only jobs in this state")
        ->check(CLI::IsMember({"queued", "sending", "sent", "failed", "cancelled"}));
    list->add_option("--printer", list_options->printer, "Only jobs of this printer");
    list->add_flag("--json", list_options->json, "As JSON");
    list->callback([&context, list_options] { list_jobs(context, *list_options); });

    auto run_options = std::make_shared<JobsOptions>();
    auto* run = command->add_subcommand(
        "run",
        "Send the waiting jobs now (after loading labels, closing the head...); settles jobs a "
        "crash left half-sent by asking the printer");
    run->add_option("--printer", run_options->printer, "Only this printer's jobs");
    run->add_option("--wait", run_options->wait,
                    "Seconds to keep trying while a printer is not ready");
    run->callback([&context, run_options] {
        auto store = context.open_store();
        if (!store) return;
        run_queues(context, *store, run_options->printer, run_options->wait);
    });

    auto retry_options = std::make_shared<JobsOptions>();
    auto* retry = command->add_subcommand(
        "retry", "Queue a failed job again (after checking that no label came out) and send it");
    retry->add_option("JOB", retry_options->number, "Job number")->required();
    retry->add_option("--operator", retry_options->operator_id, "Badge of who decides");
    retry->add_option("--wait", retry_options->wait, "Seconds to keep trying");
    retry->callback([&context, retry_options] {
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, retry_options->operator_id);
        if (!person) return;
        auto job = station::retry_print_job(*store, retry_options->number, person->id);
        if (!job) return context.report(job.error());
        fmt::print("job {} queued again\n", job->number);
        run_queues(context, *store, job->printer, retry_options->wait);
    });

    auto cancel_options = std::make_shared<JobsOptions>();
    auto* cancel = command->add_subcommand(
        "cancel", "Cancel a queued job, or close a failed one that did print");
    cancel->add_option("JOB", cancel_options->number, "Job number")->required();
    cancel->add_option("--operator", cancel_options->operator_id, "Badge of who decides");
    cancel->callback([&context, cancel_options] {
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, cancel_options->operator_id);
        if (!person) return;
        auto job = station::cancel_print_job(*store, cancel_options->number, person->id);
        if (!job) return context.report(job.error());
        fmt::print("job {} cancelled\n", job->number);
    });

    auto reprint_options = std::make_shared<JobsOptions>();
    auto* reprint = command->add_subcommand(
        "reprint", "Print a sent label again as a new job; the reason goes to the audit log");
    reprint->add_option("JOB", reprint_options->number, "Job number")->required();
    reprint->add_option("--reason", reprint_options->reason, "Why (\"label torn\", ...)")
        ->required();
    reprint->add_option("--operator", reprint_options->operator_id, "Badge of who asks");
    reprint->add_option("--wait", reprint_options->wait, "Seconds to keep trying");
    reprint->callback([&context, reprint_options] {
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, reprint_options->operator_id);
        if (!person) return;
        auto job = station::reprint_print_job(*store, reprint_options->number, person->id,
                                              reprint_options->reason);
        if (!job) return context.report(job.error());
        fmt::print("job {} queued: reprint of job {} ({})\n", job->number, reprint_options->number,
                   reprint_options->reason);
        run_queues(context, *store, job->printer, reprint_options->wait);
    });
}

}  // namespace rs::cli
