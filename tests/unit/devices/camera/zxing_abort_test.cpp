// The zxing-cpp 1.4 abort: frames that kill a process calling ReadBarcodes with its defaults
// are read by FrameDecoder in this very process.
//
// zxing-cpp 1.4's ReadBarcodes de-duplicates its finds with Result::operator==, which asserts
// lineCount() == 1 when both are the same 1D code (core/src/Result.cpp; reported upstream as
// zxing-cpp#516 and #740, fixed after 1.4). A 1D code found twice in one call (two identical
// labels, or one code found at full size and again in zxing's scaled-down copy) triggers it.
#include <catch2/catch.hpp>

#include "test_frames.h"

using namespace rs::devices;
using rs::test::code_image;
using rs::test::on_canvas;
using rs::test::status_of_plain_zxing;
using rs::test::texts;

namespace {

void require_plain_zxing_aborts(const cv::Mat& frame) {
    int status = status_of_plain_zxing(frame);
    INFO(
        "if zxing-cpp no longer aborts here, the one-1D-code-per-call reading in "
        "frame_decoder.cpp may be simplified");
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(WTERMSIG(status) == SIGABRT);
}

}  // namespace

TEST_CASE("two identical 1D labels in one frame: zxing's defaults abort, FrameDecoder reads both") {
    cv::Mat frame = on_canvas(code_image("code128", "SN-ABC-12345"), 1280, 720, 0.3, 0.3);
    place(frame, code_image("code128", "SN-ABC-12345"), 700, 400);
    require_plain_zxing_aborts(frame);
    // In this process: were FrameDecoder to let zxing compare two finds, this test would die.
    auto codes = FrameDecoder().decode(frame, "test", 0);
    CHECK(texts(codes) == std::vector<std::string>{"SN-ABC-12345", "SN-ABC-12345"});
}

TEST_CASE("one large 1D code in a 1080p frame: zxing's defaults abort, FrameDecoder reads it") {
    // Found at full size and again in zxing's own scaled-down copy of the frame.
    cv::Mat frame = on_canvas(code_image("ean13", "5901234123457", 5), 1920, 1080);
    require_plain_zxing_aborts(frame);
    for (bool full : {false, true}) {
        DecoderOptions options;
        if (full) options.work_width = 0;  // read at full size first, as the full pass does
        auto codes = FrameDecoder(options).decode(frame, "test", 0);
        CHECK(texts(codes) == std::vector<std::string>{"5901234123457"});
    }
}

TEST_CASE("two identical labels in a 1080p frame, one above the other") {
    cv::Mat frame = on_canvas(code_image("code128", "SN-ABC-12345", 4), 1920, 1080, 0.5, 0.3);
    place(frame, code_image("code128", "SN-ABC-12345", 4), 200, 700);
    require_plain_zxing_aborts(frame);
    auto codes = FrameDecoder().decode(frame, "test", 0);
    CHECK(texts(codes) == std::vector<std::string>{"SN-ABC-12345", "SN-ABC-12345"});
}
