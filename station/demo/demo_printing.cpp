// demo_printing: the emulator starts on a free loopback port, labels go through the real print
// queue and TCP driver, and the emulator's paper runs out before the return label.
#include "station/demo/demo_printing.h"

#include <fmt/format.h>
#include <filesystem>

#include "devices/printer/tcp_printer.h"
#include "labels/print/label_templates.h"
#include "labels/print/zpl_writer.h"
#include "station/orders/repair_orders.h"
#include "station/printing/print_worker.h"
#include "station/printing/printer_config.h"
#include "station/printing/repair_order_tag.h"
#include "station/rma/rma_store.h"
#include "tools/printer_emulator/printer_emulator.h"

namespace rs::cli {
namespace {

// The repair center of the demo, as [labels] sender_* would name it.
const nlohmann::json k_demo_sender = {{"name", "Repair Center Shenzhen 维修中心"},
                                      {"phone", "+86 755 8600 1234"},
                                      {"address", "518057 广东省深圳市南山区科技园高新南一道8号"}};

}  // namespace

Result<labels::TemplateContext> demo_template_context(CliContext& context) {
    auto labels_config = station::parse_labels_config(*context.config());
    if (!labels_config) return std::unexpected(labels_config.error());
    auto template_context = station::make_template_context(*labels_config, 203);
    if (!template_context) return std::unexpected(template_context.error());
    template_context->sender = k_demo_sender;
    return *template_context;
}

bool demo_printing(CliContext& context, station::StationStore& store, const std::string& label_dir,
                   const std::function<void(const std::string&)>& announce) {
    auto fail_with = [&](const Error& error) {
        context.report(error);
        return false;
    };
    std::filesystem::remove_all(label_dir);
    auto emulator = tools::PrinterEmulator::start({.label_dir = label_dir});
    if (!emulator) return fail_with(emulator.error());
    devices::TcpPrinter printer({"demo-zebra", "127.0.0.1", (*emulator)->port()});
    // Short waits: the demo's printer is on this machine.
    station::PrintWorker worker(store, printer, {100, 400});
    worker.on_event([](const station::PrintJob& job, const std::string& message) {
        if (job.state == station::JobState::Sending) return;  // the outcome follows at once
        fmt::print("    job {} {}: {}\n", job.number, name_of(job.state), message);
    });
    auto template_context = demo_template_context(context);
    if (!template_context) return fail_with(template_context.error());

    announce(
        fmt::format("A Zebra printer (the printer emulator on 127.0.0.1:{}) prints a tag for "
                    "each received device:",
                    (*emulator)->port()));
    auto orders = station::list_orders(store, {.state = std::nullopt, .limit = 1000});
    if (!orders) return fail_with(orders.error());
    const station::IntakeTagPrinting tags{printer.name(), *template_context};
    for (auto it = orders->rbegin(); it != orders->rend(); ++it) {
        station::TaggedOrder order{it->id, it->number, it->created_ms, ""};
        if (auto rma = station::find_rma(store, it->rma_id); rma && *rma)
            order.model = (*rma)->product_model;
        auto job = station::repair_order_tag_job(order, tags, "OP-0002S");
        if (!job) return fail_with(job.error());
        if (auto queued = station::submit_print_job(store, *job); !queued)
            return fail_with(queued.error());
    }
    if (auto run = worker.run_until_idle(std::chrono::seconds(5)); !run)
        return fail_with(run.error());

    announce(
        "The printer runs out of labels just as Zhao Lei asks for a second tag for the "
        "first phone's box:");
    (*emulator)->set_paper_out(true);
    const station::RepairOrder& first = orders->back();
    station::TaggedOrder tagged{first.id, first.number, first.created_ms, ""};
    auto second_tag = station::repair_order_tag_job(tagged, tags, "OP-0002S");
    if (!second_tag) return fail_with(second_tag.error());
    auto queued = station::submit_print_job(store, *second_tag);
    if (!queued) return fail_with(queued.error());
    auto waiting = worker.run_once();
    if (!waiting) return fail_with(waiting.error());
    fmt::print("    the station keeps job {}: {} job(s) wait, nothing is lost\n", queued->number,
               waiting->waiting);

    announce("He loads a new roll; the queue sends the waiting label, once:");
    (*emulator)->set_paper_out(false);
    auto resumed = worker.run_until_idle(std::chrono::seconds(10));
    if (!resumed) return fail_with(resumed.error());
    fmt::print("    the printer printed {} labels, kept in {}\n", (*emulator)->printed_labels(),
               label_dir);
    if (resumed->waiting > 0)
        return fail_with({ErrorCode::Internal, "the demo's label still waits", "demo"});
    return true;
}

}  // namespace rs::cli
