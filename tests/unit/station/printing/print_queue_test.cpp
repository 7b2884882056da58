// Print queue and worker against the printer emulator over real sockets, on a real store file:
// paper out mid-queue, head open, silence, a connection dropped mid-job, a crash while sending;
// afterwards every job printed exactly once or waits for a person, and the audit log says which.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/refuse_inserts.h"

#include <set>

#include "common/store/transaction.h"
#include "devices/printer/tcp_printer.h"
#include "devices/transport/tcp_connection.h"
#include "labels/print/label_templates.h"
#include "station/orders/intake.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/printing/print_queue.h"
#include "station/printing/print_worker.h"
#include "tests/support/station_fixture.h"
#include "tools/printer_emulator/printer_emulator.h"

using namespace rs;
using station::JobState;

namespace {

std::string label_zpl(int n) {
    return "^XA^FO20,20^A0N,30,30^FDJOB-" + std::to_string(n) + "^FS^XZ\n";
}

struct QueueFixture : test::StationFixture {
    std::unique_ptr<tools::PrinterEmulator> emulator;
    std::unique_ptr<devices::TcpPrinter> printer;
    std::vector<std::string> events;

    explicit QueueFixture(tools::EmulatorOptions options = {}) {
        auto started = tools::PrinterEmulator::start(options);
        REQUIRE(started);
        emulator = std::move(*started);
        devices::TcpPrinterOptions printer_options{"emu", "127.0.0.1", emulator->port()};
        printer_options.query_timeout = std::chrono::milliseconds(300);
        printer = std::make_unique<devices::TcpPrinter>(printer_options);
    }

    // The manual clock only moves when told: backoff waits are skipped by moving it.
    station::PrintWorker worker() {
        station::PrintWorker made(*store, *printer, {1000, 8000});
        made.on_event([this](const station::PrintJob& job, const std::string& message) {
            events.push_back(std::to_string(job.number) + " " + name_of(job.state) + " " + message);
        });
        return made;
    }

    station::PrintJob queue(int n, int copies = 1) {
        auto job = station::submit_print_job(
            *store, {"emu", "location-label", {{"n", n}}, label_zpl(n), copies, warehouse, {}});
        REQUIRE(job);
        return *job;
    }

    station::PrintJob job(std::int64_t number) {
        auto found = station::find_print_job(*store, number);
        REQUIRE(found);
        return *found;
    }

    // How many times each job's label reached paper.
    std::multiset<std::string> printed() {
        std::multiset<std::string> labels;
        for (const auto& format : emulator->printed_formats()) {
            auto at = format.find("JOB-");
            labels.insert(format.substr(at, format.find('^', at) - at));
        }
        return labels;
    }

    std::vector<std::string> audit_actions(std::int64_t number) {
        // The job number is read from the JSON detail here: SQL JSON functions differ by engine.
        auto query = store->db().prepare(
            "SELECT action, detail FROM audit_log WHERE action LIKE 'print.%' ORDER BY id");
        REQUIRE(query);
        std::vector<std::string> actions;
        REQUIRE(query->each_row([&](store::Statement& row) {
            auto detail = nlohmann::json::parse(row.text(1), nullptr, false);
            if (detail.is_object() && detail.value("job", std::int64_t{-1}) == number)
                actions.push_back(row.text(0));
        }));
        return actions;
    }
};

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

TEST_CASE("paper out mid-queue: the rest waits, says why, and prints once after reloading") {
    QueueFixture f;
    for (int n = 1; n <= 5; ++n)
        f.queue(n);
    auto worker = f.worker();
    // The roll runs out right after job 2 prints.
    worker.on_event([&](const station::PrintJob& job, const std::string&) {
        if (job.number == 2 && job.state == JobState::Sent) f.emulator->set_paper_out(true);
    });
    auto pass = worker.run_once();
    REQUIRE(pass);
    CHECK(pass->sent == 2);
    CHECK(pass->waiting == 3);
    CHECK(pass->printer_message.find("out of labels: load a new roll") != std::string::npos);
    CHECK(f.job(3).state == JobState::Queued);
    CHECK(f.job(3).last_error.find("out of labels") != std::string::npos);
    CHECK(f.job(3).next_attempt_ms > f.clock.now_ms());  // backoff, not a busy loop
    CHECK(contains(f.audit_actions(3), "print.waiting"));

    f.emulator->set_paper_out(false);
    f.clock.advance(10'000);
    auto rest = worker.run_until_idle(std::chrono::seconds(5));
    REQUIRE(rest);
    CHECK(rest->sent == 3);
    CHECK(f.printed() == std::multiset<std::string>{"JOB-1", "JOB-2", "JOB-3", "JOB-4", "JOB-5"});
    for (int n = 1; n <= 5; ++n)
        CHECK(f.job(n).state == JobState::Sent);
}

TEST_CASE("head open: nothing is sent until it is closed") {
    QueueFixture f;
    f.emulator->set_head_open(true);
    f.queue(1);
    auto worker = f.worker();
    auto pass = worker.run_once();
    REQUIRE(pass);
    CHECK(pass->sent == 0);
    CHECK(f.job(1).last_error.find("print head is open: close it") != std::string::npos);
    // Waiting again for the same reason does not flood the audit log.
    f.clock.advance(10'000);
    REQUIRE(worker.run_once());
    CHECK(f.job(1).attempts == 2);
    auto actions = f.audit_actions(1);
    CHECK(std::count(actions.begin(), actions.end(), "print.waiting") == 1);
    f.emulator->set_head_open(false);
    f.clock.advance(10'000);
    REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
    CHECK(f.printed() == std::multiset<std::string>{"JOB-1"});
}

TEST_CASE("a printer silent while out of labels is still understood through ~HQES") {
    tools::EmulatorOptions options;
    options.silent_when_faulted = true;
    QueueFixture f(options);
    f.emulator->set_paper_out(true);
    f.queue(1);
    auto worker = f.worker();
    REQUIRE(worker.run_once());
    CHECK(f.job(1).state == JobState::Queued);
    CHECK(f.job(1).last_error.find("out of labels") != std::string::npos);
}

TEST_CASE("an unreachable printer keeps the job queued with a message") {
    QueueFixture f;
    int port = f.emulator->port();
    f.emulator->stop();
    f.queue(1);
    devices::TcpPrinterOptions options{"emu", "127.0.0.1", port};
    devices::TcpPrinter gone(options);
    station::PrintWorker worker(*f.store, gone, {1000, 8000});
    auto pass = worker.run_once();
    REQUIRE(pass);
    CHECK(pass->waiting == 1);
    CHECK(f.job(1).state == JobState::Queued);
    CHECK(f.job(1).last_error.find("cannot connect") != std::string::npos);
}

TEST_CASE(
    "a connection dropped mid-job: the partial format is cancelled and the job printed once") {
    QueueFixture f;
    f.queue(1);
    f.queue(2);
    f.emulator->drop_next_job_after(12);
    auto worker = f.worker();
    // Backoff before the resend runs on the manual clock: passes with no waiting, moving it on.
    for (int i = 0; i < 10 && f.job(2).state != JobState::Sent; ++i) {
        REQUIRE(worker.run_until_idle(std::chrono::milliseconds(0)));
        f.clock.advance(10'000);
    }
    CHECK(f.printed() == std::multiset<std::string>{"JOB-1", "JOB-2"});
    auto actions = f.audit_actions(1);
    CHECK(contains(actions, "print.resend"));
    CHECK(actions.back() == "print.sent");
}

TEST_CASE("after a crash while sending, the printer's buffer decides; else a person does") {
    QueueFixture f;
    auto worker = f.worker();
    auto mark_sending = [&](const station::PrintJob& job) {
        REQUIRE(station::change_print_job(*f.store, job,
                                          {JobState::Sending, "print.sending", "sending"}));
    };

    SECTION("part of the job reached the printer: cancelled with ~JA and sent again") {
        auto job = f.queue(1);
        mark_sending(job);
        auto connection = devices::TcpConnection::connect("127.0.0.1", f.emulator->port(),
                                                          std::chrono::seconds(1));
        REQUIRE(connection);
        REQUIRE(connection->write_all("^XA^FO20,20^A0N,30,30^FDJOB-1", std::chrono::seconds(1)));
        connection->close();  // the station died here
        REQUIRE(worker.recover());
        CHECK(f.job(1).state == JobState::Queued);
        f.clock.advance(10'000);
        REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
        CHECK(f.printed() == std::multiset<std::string>{"JOB-1"});
        CHECK(contains(f.audit_actions(1), "print.resend"));
    }
    SECTION("the printer holds the whole job (out of labels): it is sent, not sent again") {
        auto job = f.queue(1);
        mark_sending(job);
        f.emulator->set_paper_out(true);
        REQUIRE(f.printer->send(label_zpl(1)).ok());  // it arrived before the crash
        REQUIRE(worker.recover());
        CHECK(f.job(1).state == JobState::Sent);
        f.emulator->set_paper_out(false);
        CHECK(f.printed() == std::multiset<std::string>{"JOB-1"});
    }
    SECTION("the printer holds nothing: printed or never arrived, a person decides") {
        auto job = f.queue(1);
        mark_sending(job);
        REQUIRE(worker.recover());
        auto settled = f.job(1);
        CHECK(settled.state == JobState::Failed);
        CHECK(settled.attention.find("station jobs retry 1") != std::string::npos);
        CHECK(contains(f.audit_actions(1), "print.attention"));
        // Nothing sends it again by itself.
        f.clock.advance(60'000);
        REQUIRE(worker.run_until_idle(std::chrono::seconds(1)));
        CHECK(f.printed().empty());
        // The person saw no label came out: retry prints it once.
        REQUIRE(station::retry_print_job(*f.store, 1, f.supervisor));
        REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
        CHECK(f.printed() == std::multiset<std::string>{"JOB-1"});
        CHECK(contains(f.audit_actions(1), "print.retry"));
    }
}

TEST_CASE("copies go to the printer as ^PQ and count as labels") {
    QueueFixture f;
    f.queue(1, 3);
    auto worker = f.worker();
    REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
    CHECK(f.emulator->printed_labels() == 3);
    CHECK(f.emulator->printed_formats().at(0).find("^PQ3") != std::string::npos);
}

TEST_CASE("reprints need a reason, which the audit log keeps; cancel and retry follow the rules") {
    QueueFixture f;
    f.queue(1);
    auto worker = f.worker();
    REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
    auto no_reason = station::reprint_print_job(*f.store, 1, f.warehouse, "  ");
    REQUIRE_FALSE(no_reason);
    CHECK(no_reason.error().message.find("--reason") != std::string::npos);
    auto reprint = station::reprint_print_job(*f.store, 1, f.warehouse, "label torn");
    REQUIRE(reprint);
    CHECK(reprint->reprint_of == f.job(1).id);
    auto detail =
        f.store->db().prepare("SELECT detail FROM audit_log WHERE action = 'print.reprint'");
    REQUIRE(detail);
    REQUIRE(detail->step().value());
    CHECK(nlohmann::json::parse(detail->text(0)).value("reason", "") == "label torn");
    REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
    CHECK(f.emulator->printed_labels() == 2);
    // A printed job is neither cancelled nor retried; a queued one can be cancelled.
    CHECK(station::cancel_print_job(*f.store, 1, f.warehouse).error().code == ErrorCode::Conflict);
    CHECK(station::retry_print_job(*f.store, 1, f.warehouse).error().code == ErrorCode::Conflict);
    f.queue(3);
    REQUIRE(station::cancel_print_job(*f.store, 3, f.warehouse));
    REQUIRE(worker.run_until_idle(std::chrono::seconds(5)));
    CHECK(f.emulator->printed_labels() == 2);
    CHECK(station::find_print_job(*f.store, 99).error().code == ErrorCode::NotFound);
}

TEST_CASE("a label needed by a workflow step is queued in the step's transaction") {
    test::StationFixture f;
    f.import({test::rma_json(1, "SF1402398761234")});
    auto session = station::IntakeSession::start(*f.store, f.warehouse);
    REQUIRE(session);
    REQUIRE(session->scan(Scan{"test", "SF1402398761234", "", 0}));
    auto orders = station::list_orders(*f.store, {.state = std::nullopt, .limit = 10});
    REQUIRE(orders);
    REQUIRE(orders->size() == 1);
    std::string number = orders->front().number;
    station::NewPrintJob tag{"desk", "ro-tag", {{"ro_number", number}}, "^XA^XZ", 1, f.technician};

    // A refused move (warehouse may not inspect) queues no label either.
    auto refused = station::move_order(
        *f.store, {number, station::OrderState::Inspected, f.warehouse, "", {tag}});
    REQUIRE_FALSE(refused);
    CHECK(f.count("print_jobs") == 0);

    // The supervisor stands in for the case's owner (the warehouse person who received it).
    auto moved = station::move_order(
        *f.store, {number, station::OrderState::Inspected, f.supervisor, "tagged", {tag}});
    REQUIRE(moved);
    auto jobs = station::list_print_jobs(*f.store, {});
    REQUIRE(jobs);
    REQUIRE(jobs->size() == 1);
    CHECK(jobs->front().repair_order_id == orders->front().id);
    CHECK(jobs->front().state == JobState::Queued);
}

TEST_CASE("intake queues the new order's tag with the order, once per order") {
    test::StationFixture f;
    f.import({test::rma_json(1, "SF1402398761234")});
    auto session = station::IntakeSession::start(*f.store, f.warehouse);
    REQUIRE(session);
    session->print_tags({"desk", labels::TemplateContext{}});
    auto received = session->scan(Scan{"test", "SF1402398761234", "", 0});
    REQUIRE(received);
    CHECK(received->outcome == station::IntakeOutcome::Received);
    CHECK(received->message.find("tag queued on desk (job 1)") != std::string::npos);
    auto again = session->scan(Scan{"test", "SF1402398761234", "", 0});  // scanned twice
    REQUIRE(again);
    CHECK(again->outcome == station::IntakeOutcome::AlreadyReceived);

    auto orders = station::list_orders(*f.store, {.state = std::nullopt, .limit = 10});
    REQUIRE(orders);
    REQUIRE(orders->size() == 1);
    auto jobs = station::list_print_jobs(*f.store, {});
    REQUIRE(jobs);
    REQUIRE(jobs->size() == 1);
    const station::PrintJob& tag = jobs->front();
    CHECK(tag.template_name == "ro-tag");
    CHECK(tag.printer == "desk");
    CHECK(tag.repair_order_id == orders->front().id);
    CHECK(tag.zpl.find(orders->front().number) != std::string::npos);
    CHECK(tag.operator_id == f.warehouse);
}

TEST_CASE("a job's new state and its audit row are written together or not at all") {
    QueueFixture f;
    auto job = f.queue(1);
    // The audit row cannot be written, as when the process dies between the two writes: the
    // job keeps its state (the kill harness found jobs 'sent' with no audit of it).
    REQUIRE(test::refuse_inserts(f.store->db(), "audit_log", "NEW.action = 'print.sending'",
                                 "audit refused"));
    CHECK_FALSE(
        station::change_print_job(*f.store, job, {JobState::Sending, "print.sending", "sending"}));
    CHECK(f.job(job.number).state == JobState::Queued);
    CHECK(f.audit_actions(job.number) == std::vector<std::string>{"print.queued"});
}
