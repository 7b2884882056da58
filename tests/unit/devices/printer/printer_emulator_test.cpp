// The TCP printer driver against the printer emulator over real loopback sockets: jobs,
// confirmation, faults, silence while faulted, a connection dropped mid-job, ~JA, and the
// spool-folder driver.
#include <catch2/catch.hpp>

#include <filesystem>

#include "devices/printer/spool_printer.h"
#include "devices/printer/tcp_printer.h"
#include "devices/transport/tcp_connection.h"
#include "tests/support/temp_dir.h"
#include "tools/printer_emulator/printer_emulator.h"

using namespace rs;
using namespace rs::devices;

namespace {

const std::string k_label = "^XA^FO20,20^A0N,30,30^FDhello^FS^XZ";

struct Bench {
    test::TempDir dir;
    std::unique_ptr<tools::PrinterEmulator> emulator;
    std::unique_ptr<TcpPrinter> printer;
    explicit Bench(tools::EmulatorOptions options = {}) {
        options.label_dir = dir.file("labels");
        auto started = tools::PrinterEmulator::start(options);
        REQUIRE(started);
        emulator = std::move(*started);
        TcpPrinterOptions printer_options{"emu", "127.0.0.1", emulator->port()};
        printer_options.query_timeout = std::chrono::milliseconds(500);
        printer = std::make_unique<TcpPrinter>(printer_options);
    }
};

}  // namespace

TEST_CASE("a job sent to the emulator is confirmed, printed once and kept as a file") {
    Bench bench;
    SendResult sent = bench.printer->send(k_label);
    CHECK(sent.ok());
    CHECK(sent.confirmed);
    CHECK(sent.written == k_label.size());
    CHECK(bench.emulator->printed_labels() == 1);
    CHECK(std::filesystem::exists(bench.dir.file("labels") + "/00001.zpl"));
    auto identity = bench.printer->identify();
    REQUIRE(identity);
    CHECK(identity->dpi() == 203);
}

TEST_CASE("emulator faults show in ~HS and a faulted printer keeps formats until cleared") {
    Bench bench;
    bench.emulator->set_head_open(true);
    auto status = bench.printer->query_status();
    REQUIRE(status);
    CHECK(status->head_open);
    CHECK(assess(*status).readiness == PrinterReadiness::Faulted);
    REQUIRE(bench.printer->send(k_label).ok());
    CHECK(bench.emulator->printed_labels() == 0);
    status = bench.printer->query_status();
    REQUIRE(status);
    CHECK(status->formats_in_buffer == 1);
    bench.emulator->set_head_open(false);
    CHECK(bench.emulator->printed_labels() == 1);
}

TEST_CASE("a printer silent to ~HS while faulted is asked again with ~HQES") {
    tools::EmulatorOptions options;
    options.silent_when_faulted = true;
    Bench bench(options);
    bench.emulator->set_paper_out(true);
    auto status = bench.printer->query_status();
    REQUIRE(status);
    CHECK(status->paper_out);
    CHECK(assess(*status).message.find("out of labels") != std::string::npos);
}

TEST_CASE("a connection dropped mid-job leaves a partial format that ~JA clears") {
    Bench bench;
    bench.emulator->drop_next_job_after(10);
    SendResult sent = bench.printer->send(k_label);
    CHECK_FALSE(sent.confirmed);
    CHECK(bench.emulator->printed_labels() == 0);
    auto status = bench.printer->query_status();
    REQUIRE(status);
    CHECK(status->partial_format);
    REQUIRE(bench.printer->cancel_all());
    status = bench.printer->query_status();
    REQUIRE(status);
    CHECK_FALSE(status->partial_format);
    CHECK(bench.printer->send(k_label).confirmed);
    CHECK(bench.emulator->printed_labels() == 1);
}

TEST_CASE("the emulator's control commands switch faults and report them") {
    Bench bench;
    CHECK(bench.emulator->control("paper-out on").find("paper_out=1") != std::string::npos);
    CHECK(bench.emulator->control("pause maybe").starts_with("error"));
    CHECK(bench.emulator->control("drop 0").starts_with("error"));
    CHECK(bench.emulator->control("fly").starts_with("error"));
    CHECK(bench.emulator->control("paper-out off").find("paper_out=0") != std::string::npos);
}

TEST_CASE("the spool driver writes whole files and reports an unwritable folder") {
    test::TempDir dir;
    SpoolPrinter spool("folder", dir.file("spool"));
    REQUIRE(spool.query_status());
    REQUIRE(spool.send(k_label).ok());
    REQUIRE(spool.send(k_label).ok());
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.file("spool"))) {
        CHECK(entry.path().extension() == ".zpl");
        ++files;
    }
    CHECK(files == 2);
    SpoolPrinter nowhere("nowhere", "/proc/no-such-folder");
    CHECK_FALSE(nowhere.send(k_label).ok());
}
