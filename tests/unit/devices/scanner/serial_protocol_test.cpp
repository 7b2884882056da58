// Tests of serial framing: each suffix, split reads, the missing-suffix timeout.
#include <catch2/catch.hpp>

#include "devices/scanner/serial_protocol.h"

using namespace rs;
using namespace rs::devices;

namespace {
std::vector<Result<Scan>> feed(SerialFramer& framer, std::string_view text, std::int64_t time) {
    return framer.feed(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
                       time);
}
}  // namespace

TEST_CASE("serial: CR suffix, codes split across reads, AIM id split off") {
    SerialFramer framer({SerialSuffix::Cr});
    CHECK(feed(framer, "]C1SF14023", 1).empty());
    auto out = feed(framer, "98761234\r1Z999", 2);
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].has_value());
    CHECK(out[0]->text == "SF1402398761234");
    CHECK(out[0]->symbology == "]C1");
    out = feed(framer, "AA10123456784\r", 3);
    REQUIRE(out.size() == 1);
    CHECK(out[0]->text == "1Z999AA10123456784");
}

TEST_CASE("serial: LF and CRLF suffixes keep GS bytes") {
    SerialFramer lf({SerialSuffix::Lf});
    auto out = feed(lf,
                    "01095011015300031\x1d"
                    "10AB\n",
                    1);
    REQUIRE(out.size() == 1);
    CHECK(out[0]->text ==
          "01095011015300031\x1d"
          "10AB");
    SerialFramer crlf({SerialSuffix::CrLf});
    out = feed(crlf, "A\rB\r\nC\r", 1);
    REQUIRE(out.size() == 1);
    CHECK(out[0]->text == "A\rB");  // a lone CR is data when the suffix is CRLF
    out = feed(crlf, "\n", 2);
    REQUIRE(out.size() == 1);
    CHECK(out[0]->text == "C");
}

TEST_CASE("serial: a scanner sending CRLF to a CR-configured station gives clean codes") {
    SerialFramer framer({SerialSuffix::Cr});
    auto out = feed(framer, "ABC\r\nDEF\r\n", 1);
    REQUIRE(out.size() == 2);
    CHECK(out[0]->text == "ABC");
    CHECK(out[1]->text == "DEF");
}

TEST_CASE("serial: a missing suffix times out with an error, not a scan") {
    SerialFramer framer({SerialSuffix::Cr, 200});
    CHECK(feed(framer, "PARTIAL", 1000).empty());
    CHECK_FALSE(framer.expire(1100).has_value());
    auto expired = framer.expire(1300);
    REQUIRE(expired.has_value());
    REQUIRE_FALSE(expired->has_value());
    CHECK(expired->error().code == ErrorCode::Timeout);
    auto out = feed(framer, "NEXT\r", 1400);
    REQUIRE(out.size() == 1);
    CHECK(out[0]->text == "NEXT");
}

TEST_CASE("serial: without a suffix the quiet time ends a code") {
    SerialFramer framer({SerialSuffix::None, 50});
    CHECK(feed(framer, "ABC", 1000).empty());
    auto out = feed(framer, "DEF", 1100);  // the gap before these bytes ended ABC
    REQUIRE(out.size() == 1);
    CHECK(out[0]->text == "ABC");
    auto last = framer.expire(1200);
    REQUIRE(last.has_value());
    CHECK((*last)->text == "DEF");
}

TEST_CASE("serial: an endless line is an error") {
    SerialFramer framer({SerialSuffix::Cr, 200, 8});
    auto out = feed(framer, "0123456789", 1);
    REQUIRE(out.size() == 1);
    CHECK_FALSE(out[0].has_value());
}
