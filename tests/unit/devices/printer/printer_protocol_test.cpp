// Printer protocol: ~HS, ~HQES and ~HI replies in the formats of Zebra's ZPL II Programming
// Guide, garbage and silence; 1284 device ids; the model table; what a person is told.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "devices/printer/ieee1284.h"
#include "devices/printer/printer_models.h"
#include "devices/printer/tcp_printer.h"
#include "devices/printer/zpl_status_protocol.h"

using namespace rs::devices;

namespace {

// ~HS as the guide lays it out: three STX...ETX CR LF strings.
std::string host_status(const std::string& one, const std::string& two) {
    return "\x02" + one + "\x03\r\n\x02" + two +
           "\x03\r\n\x02"
           "1234,0\x03\r\n";
}

}  // namespace

TEST_CASE("~HS of a ready printer parses to no flags and its counters") {
    auto status = parse_host_status(
        host_status("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"));
    REQUIRE(status);
    CHECK(status->answered);
    CHECK_FALSE(status->paper_out);
    CHECK_FALSE(status->paused);
    CHECK_FALSE(status->head_open);
    CHECK(status->label_length_dots == 1245);
    CHECK(status->formats_in_buffer == 0);
    CHECK(assess(*status).readiness == PrinterReadiness::Ready);
}

TEST_CASE("~HS flags: paper out, pause, buffer full, partial format, head up, ribbon out") {
    auto status = parse_host_status(
        host_status("030,1,1,1245,003,1,0,1,000,0,0,0", "001,0,1,1,1,2,6,0,00000007,1,000"));
    REQUIRE(status);
    CHECK(status->paper_out);
    CHECK(status->paused);
    CHECK(status->buffer_full);
    CHECK(status->partial_format);
    CHECK(status->head_open);
    CHECK(status->ribbon_out);
    CHECK(status->formats_in_buffer == 3);
    CHECK(status->labels_remaining == 7);
    PrinterCondition condition = assess(*status);
    CHECK(condition.readiness == PrinterReadiness::Faulted);
    CHECK(condition.message.find("out of labels: load a new roll") != std::string::npos);
    CHECK(condition.message.find("print head is open: close it") != std::string::npos);
    CHECK(condition.message.find("press the pause button") != std::string::npos);
}

TEST_CASE("~HS answers survive being read in pieces, and our formatter writes what we parse") {
    PrinterStatus status;
    status.answered = true;
    status.paper_out = true;
    status.formats_in_buffer = 2;
    status.labels_remaining = 5;
    status.partial_format = true;
    std::string reply = format_host_status(status);
    CHECK_FALSE(host_status_complete(reply.substr(0, reply.size() / 2)));
    CHECK(host_status_complete(reply));
    auto parsed = parse_host_status(reply);
    REQUIRE(parsed);
    CHECK(parsed->paper_out);
    CHECK(parsed->partial_format);
    CHECK(parsed->formats_in_buffer == 2);
    CHECK(parsed->labels_remaining == 5);
}

// Found by tests/fuzz/fuzz_printer_status (regression_hs_* in its corpus): a garbled reply gave
// a negative count, or one narrowed from a number no int holds (4294967297 read as 1).
TEST_CASE("~HS counts with a sign or beyond an int are a protocol error, not a count") {
    CHECK_FALSE(parse_host_status(
        host_status("030,0,0,-001,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000")));
    CHECK_FALSE(parse_host_status(
        host_status("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,-0000001,1,000")));
    CHECK_FALSE(parse_host_status(
        host_status("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,4294967297,1,000")));
    CHECK(parse_host_status(
        host_status("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,2147483647,1,000")));
}

TEST_CASE("~HS garbage is a protocol error, never a status") {
    for (std::string garbage :
         {std::string("hello"), std::string("\x02\x03\x02\x03\x02\x03"),
          host_status("030,0,0,1245,000,0,0,0,000,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
          host_status("030,X,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
          host_status("030,2,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000"),
          host_status("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,0000000A,1,000")}) {
        INFO(garbage);
        auto status = parse_host_status(garbage);
        REQUIRE_FALSE(status);
        CHECK(status.error().code == rs::ErrorCode::Protocol);
    }
}

TEST_CASE("~HQES error bits: media out, ribbon out, head open and the others by name") {
    std::string reply =
        "\x02\r\nPRINTER STATUS\r\n   ERRORS:         1 00000000 00000005\r\n"
        "   WARNINGS:       0 00000000 00000000\r\n\x03\r\n";
    CHECK(hqes_complete(reply));
    PrinterStatus status;
    REQUIRE(parse_hqes(reply, status));
    CHECK(status.paper_out);
    CHECK(status.head_open);
    CHECK_FALSE(status.ribbon_out);
    PrinterStatus cutter;
    REQUIRE(parse_hqes("ERRORS: 1 00000000 00000008\r\nWARNINGS: 0 00000000 00000000", cutter));
    CHECK(cutter.other_error);
    CHECK(cutter.other_error_text == "cutter fault");
    CHECK(assess(cutter).message.find("cutter fault") != std::string::npos);
    PrinterStatus fine;
    REQUIRE(parse_hqes("ERRORS: 0 00000000 00000000\r\nWARNINGS: 1 00000000 00000002", fine));
    CHECK(assess(fine).readiness == PrinterReadiness::Ready);
    PrinterStatus broken;
    CHECK_FALSE(parse_hqes("ERRORS: 1 zz 00000001", broken));
    CHECK_FALSE(parse_hqes("PRINTER STATUS", broken));
}

TEST_CASE("~HI gives model, firmware and resolution; the model table knows the printer") {
    auto identity = parse_identification("\x02ZD420-203dpi,V84.20.18Z,8,8176KB,\x03\r\n");
    REQUIRE(identity);
    CHECK(identity->model == "ZD420-203dpi");
    CHECK(identity->firmware == "V84.20.18Z");
    CHECK(identity->dpi() == 203);
    const PrinterModel* model = find_printer_model(identity->model);
    REQUIRE(model);
    CHECK(model->print_width_dots == 832);
    CHECK_FALSE(parse_identification("ZD420,V84"));
    CHECK_FALSE(parse_identification("\x02ZD420,V84,x,1KB\x03"));
    CHECK(find_printer_model("LP2844")->zpl == false);
    CHECK(find_printer_model("Brother QL-800") == nullptr);
}

TEST_CASE("IEEE 1284 device ids tell a ZPL printer, in short and long key forms") {
    auto zebra = parse_device_id("MFG:Zebra Technologies;CMD:ZPL;MDL:ZD420;CLS:PRINTER;");
    CHECK(zebra["MFG"] == "Zebra Technologies");
    CHECK(zebra["MDL"] == "ZD420");
    CHECK(speaks_zpl(zebra));
    CHECK_FALSE(speaks_zpl(parse_device_id("MANUFACTURER:Zebra;COMMAND SET:EPL2;MODEL:LP2844;")));
    CHECK(
        speaks_zpl(parse_device_id("manufacturer: Zebra ; command set: EPL2,ZPL ; model: GK420d")));
    CHECK(parse_device_id("garbage without pairs").empty());
}

TEST_CASE("a printer that accepts the connection but never answers times out") {
    // A listening socket nobody reads from: the kernel completes the connection, no reply comes.
    int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 4) == 0);
    socklen_t size = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size);
    TcpPrinterOptions options{"mute", "127.0.0.1", ntohs(address.sin_port)};
    options.query_timeout = std::chrono::milliseconds(200);
    TcpPrinter printer(options);
    auto status = printer.query_status();
    REQUIRE_FALSE(status);
    CHECK(status.error().code == rs::ErrorCode::Timeout);
    ::close(listener);
    // Nobody listens any more: refused at once.
    auto refused = printer.query_status();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == rs::ErrorCode::Io);
    CHECK(assess(PrinterStatus{}).readiness == PrinterReadiness::Unreachable);
}
