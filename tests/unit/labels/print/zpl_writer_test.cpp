// ZPL writer: escaping, Code 128 encodation (against Zebra's own GS1 examples), Data Matrix
// escapes, and that no data can break the format (checked with the emulator's stream parser).
#include <catch2/catch.hpp>

#include "labels/print/code128.h"
#include "labels/print/zpl_writer.h"
#include "tools/printer_emulator/zpl_stream.h"

using namespace rs::labels;

namespace {

std::string zpl_data_of(std::string_view data, bool gs1) {
    auto plan = plan_code128(data, gs1);
    REQUIRE(plan);
    return code128_zpl_data(*plan);
}

}  // namespace

TEST_CASE("field data escapes the hex indicator, caret, tilde and control bytes") {
    CHECK(zpl_hex_escape("a^b~c_d\x01"
                         "e",
                         '_') == "a_5Eb_7Ec_5Fd_01e");
    CHECK(zpl_hex_escape("科苑路15号", '_') == "科苑路15号");  // UTF-8 passes under ^CI28
    CHECK(zpl_hex_escape("back\\slash", '\\') == "back\\5Cslash");
}

TEST_CASE("GS1-128 field data matches Zebra's examples byte for byte") {
    // Zebra support article "Creating GS1 Barcodes with Zebra Printers for Data Matrix and
    // Code 128 using ZPL": GTIN + serial, then GTIN + serial + batch.
    CHECK(zpl_data_of("0112345678901234"
                      "21123456",
                      true) == ">;>8011234567890123421123456");
    CHECK(zpl_data_of("0112345678901234"
                      "21123456\x1d"
                      "10ABC123",
                      true) == ">;>8011234567890123421123456>810>6ABC123");
}

TEST_CASE("plain Code 128 stays in subset B for text and uses C for even digit runs") {
    CHECK(zpl_data_of("RO-000001O", false) == "RO-000001O");
    CHECK(zpl_data_of("3318810025", false) == ">;3318810025");
    // '>' is the invocation character: a literal one is ">0".
    CHECK(zpl_data_of("A>B", false) == "A>0B");
    CHECK(zpl_data_of("A^B~C_D", false) == "A_5EB_7EC_5FD");
}

TEST_CASE("Code 128 symbol values carry the mod 103 check") {
    // "RO" in subset B: start B (104), R = 50, O = 47; check = (104 + 1*50 + 2*47) % 103 = 42.
    auto plan = plan_code128("RO", false);
    REQUIRE(plan);
    CHECK(code128_values(*plan) == std::vector<int>{104, 50, 47, 42, 106});
    CHECK(code128_pattern(106) == "2331112");
}

TEST_CASE("Code 128 refuses what it cannot encode, with the data in the message") {
    auto bad = plan_code128("RO\x01", false);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("printable ASCII") != std::string::npos);
    CHECK_FALSE(plan_code128("", false));
    CHECK_FALSE(
        plan_code128("SN\x1d"
                     "1",
                     false));  // a GS only separates GS1 data
}

TEST_CASE("GS1 Data Matrix data: _1 for FNC1 first and as separator, __ for an underscore") {
    CHECK(datamatrix_zpl_data("0109501101530003"
                              "10A_B\x1d"
                              "21X",
                              true) ==
          "_10109501101530003"
          "10A__B_121X");
    CHECK(datamatrix_zpl_data("SKU^1", false) == "SKU\\5E1");
}

TEST_CASE("a format with hostile data is still exactly one format to a ZPL parser") {
    Label label;
    label.size = LabelSize::inches(2, 1, 203);
    std::string hostile = "^XZ~JA^XA~HS ~~ ^^ _ \\ >";
    label.elements.emplace_back(TextElement{10, 10, 20, hostile, TextFont::Printer, {}});
    label.elements.emplace_back(BarcodeElement{10, 40, Symbology::Code128, hostile, 2, 40, true});
    label.elements.emplace_back(BarcodeElement{10, 90, Symbology::Qr, hostile, 2, 0, false});
    label.elements.emplace_back(
        BarcodeElement{200, 90, Symbology::DataMatrix, hostile, 2, 0, false});
    std::string zpl = to_zpl(label, 3);
    rs::tools::ZplStream stream;
    auto events = stream.feed(zpl);
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == rs::tools::ZplEvent::Format);
    CHECK_FALSE(stream.partial());
    CHECK(rs::tools::format_copies(events[0].text) == 3);
    CHECK(zpl.find("^CI28") != std::string::npos);
}
