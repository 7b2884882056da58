// FrameDecoder: codes drawn by zxing-cpp's writer, then turned, warped, blurred, darkened,
// inverted.
#include "devices/camera/frame_decoder.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "test_frames.h"

using namespace rs::devices;
using rs::test::code_image;
using rs::test::on_canvas;
using rs::test::texts;

namespace {

std::vector<DecodedCode> read(const cv::Mat& frame, DecoderOptions options = {}) {
    return FrameDecoder(std::move(options)).decode(frame, "test", 42);
}

}  // namespace

TEST_CASE("a sharp Code 128 becomes a Scan with its AIM id, source and time") {
    auto codes = read(on_canvas(code_image("code128", "SN-ABC-12345")));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].scan.text == "SN-ABC-12345");
    CHECK(codes[0].scan.symbology == "]C0");
    CHECK(codes[0].scan.source == "test");
    CHECK(codes[0].scan.time_ms == 42);
    CHECK(codes[0].format == "code128");
    CHECK(codes[0].pass == "zxing");
}

TEST_CASE("GS1 Code 128 keeps GS between fields and reports ]C1, as a scanner sends it") {
    auto codes = read(on_canvas(code_image("code128",
                                           "0109501101530003\x1d"
                                           "10LOT42",
                                           3, true)));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].scan.text ==
          "0109501101530003\x1d"
          "10LOT42");
    CHECK(codes[0].scan.symbology == "]C1");
}

TEST_CASE("DataMatrix, QR (UTF-8) and EAN-13 each read with their formats") {
    auto dm = read(on_canvas(code_image("datamatrix", "R52T80ABCDE", 6)));
    REQUIRE(dm.size() == 1);
    CHECK(dm[0].scan.text == "R52T80ABCDE");
    CHECK(dm[0].format == "datamatrix");
    CHECK(dm[0].scan.symbology.rfind("]d", 0) == 0);
    auto qr = read(on_canvas(code_image("qrcode", "维修单 RO-000001", 6)));
    REQUIRE(qr.size() == 1);
    CHECK(qr[0].scan.text == "维修单 RO-000001");
    auto ean = read(on_canvas(code_image("ean13", "5901234123457")));
    REQUIRE(ean.size() == 1);
    CHECK(ean[0].scan.text == "5901234123457");
    CHECK(ean[0].scan.symbology == "]E0");
}

TEST_CASE("several codes in one frame, two of them identical, are all read") {
    cv::Mat frame = on_canvas(code_image("code128", "SN-ABC-12345"), 1280, 720, 0.3, 0.2);
    place(frame, code_image("code128", "SN-ABC-12345"), 700, 80);  // the same label twice
    place(frame, code_image("ean13", "5901234123457"), 100, 400);
    place(frame, code_image("datamatrix", "PCB-7731", 6), 800, 400);
    auto codes = read(frame);
    CHECK(texts(codes) ==
          std::vector<std::string>{"5901234123457", "PCB-7731", "SN-ABC-12345", "SN-ABC-12345"});
}

TEST_CASE("corners of a found code are in frame pixels, also when the frame was scaled down") {
    cv::Mat code = code_image("datamatrix", "PCB-7731", 8);
    cv::Mat frame = on_canvas(code, 1920, 1080, 0.25, 0.75);
    auto codes = read(frame);
    REQUIRE(codes.size() == 1);
    cv::Rect drawn(static_cast<int>(0.25 * 1920) - code.cols / 2,
                   static_cast<int>(0.75 * 1080) - code.rows / 2, code.cols, code.rows);
    for (const auto& corner : codes[0].corners) {
        CHECK(corner.x >= drawn.x - 4);
        CHECK(corner.x <= drawn.x + drawn.width + 4);
        CHECK(corner.y >= drawn.y - 4);
        CHECK(corner.y <= drawn.y + drawn.height + 4);
    }
}

TEST_CASE("codes survive rotation, perspective, blur, noise and a dark bench") {
    cv::Mat label = code_image("code128", "SN-ABC-12345");
    cv::Mat matrix = code_image("datamatrix", "PCB-7731", 6);
    const cv::Scalar white(255);
    SECTION("turned 90 degrees") {
        CHECK(texts(read(on_canvas(rotated(label, 90, white)))) ==
              std::vector<std::string>{"SN-ABC-12345"});
    }
    SECTION("turned 180 degrees") {
        CHECK(texts(read(on_canvas(rotated(label, 180, white)))) ==
              std::vector<std::string>{"SN-ABC-12345"});
    }
    SECTION("turned to any angle: the rotated pass") {
        for (double angle : {20.0, 33.0, 45.0, 60.0, 120.0, 150.0, 225.0, 300.0}) {
            INFO("angle " << angle);
            auto codes = read(on_canvas(rotated(label, angle, white)));
            REQUIRE(codes.size() == 1);
            CHECK(codes[0].scan.text == "SN-ABC-12345");
            CHECK(codes[0].pass == "rotated");
        }
    }
    SECTION("DataMatrix turned 30 degrees") {
        CHECK(texts(read(on_canvas(rotated(matrix, 30, white)))) ==
              std::vector<std::string>{"PCB-7731"});
    }
    SECTION("seen at a slant") {
        CHECK(texts(read(on_canvas(tilted(label, 0.25, white)))) ==
              std::vector<std::string>{"SN-ABC-12345"});
        CHECK(texts(read(on_canvas(tilted(matrix, 0.2, white)))) ==
              std::vector<std::string>{"PCB-7731"});
    }
    SECTION("slightly out of focus, with sensor noise") {
        CHECK(texts(read(noisy(blurred(on_canvas(label), 1.2), 6, 7))) ==
              std::vector<std::string>{"SN-ABC-12345"});
    }
    SECTION("a dark bench") {
        CHECK(texts(read(noisy(lit(on_canvas(matrix), 0.3), 2, 3))) ==
              std::vector<std::string>{"PCB-7731"});
    }
}

TEST_CASE("a laser-etched DataMatrix (light on dark) is read by its crop's inverted retry") {
    cv::Mat etched = inverted(code_image("datamatrix", "PCB-7731", 6));
    cv::Mat frame = on_canvas(etched);
    auto codes = read(frame);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].scan.text == "PCB-7731");
    CHECK(codes[0].pass == "fast");
    DecoderOptions without;
    without.try_inverted = false;
    CHECK(read(frame, without).empty());
}

TEST_CASE("the deep pass reads what the others miss") {
    DecoderOptions without;
    without.deep_budget_ms = 0;
    // What the pass can read, not how fast (bench/camera_decode measures that): a budget that a
    // loaded machine or a sanitized build does not run out of.
    DecoderOptions unhurried;
    unhurried.deep_budget_ms = 60'000;
    auto only_deep_reads = [&](const cv::Mat& frame, const std::string& text) {
        CHECK(read(frame, without).empty());
        auto codes = read(frame, unhurried);
        REQUIRE(codes.size() == 1);
        CHECK(codes[0].scan.text == text);
        CHECK(codes[0].pass == "deep");
    };
    // A DataMatrix etched into dark metal (gray 70): light marks of gray `mark`.
    auto etched = [](const std::string& text, double mark) {
        cv::Mat plate;
        code_image("datamatrix", text, 5).convertTo(plate, CV_8U, -(mark - 70) / 255.0, mark);
        return on_canvas(plate);
    };
    SECTION("a PDF417 turned 20 degrees: zxing-cpp 1.4 reads it only near the axes") {
        only_deep_reads(on_canvas(rotated(code_image("pdf417", "SHIP TO J DOE|12 MAIN ST", 3), 20,
                                          cv::Scalar(255))),
                        "SHIP TO J DOE|12 MAIN ST");
    }
    SECTION("a faint etched DataMatrix: contrast stretched, zxing's global binarizer") {
        // A quarter of the usual contrast.
        only_deep_reads(noisy(etched("PCB-00753559-66", 95), 3, 11), "PCB-00753559-66");
    }
    SECTION("a Code 128 out of focus: bars averaged along their length, sharpened across") {
        // Narrow bars of 3 px under a blur of sigma 2.3 keep a twentieth of their contrast.
        only_deep_reads(noisy(blurred(on_canvas(rotated(code_image("code128", "358494808960085", 3),
                                                        4, cv::Scalar(255))),
                                      2.3),
                              4, 5),
                        "358494808960085");
    }
    SECTION("an etched DataMatrix in strong sensor noise") {
        only_deep_reads(noisy(etched("PCB-63169972-53", 115), 14, 3), "PCB-63169972-53");
    }
}

TEST_CASE("a light-on-dark QR code is read by the inverted pass") {
    auto codes = read(on_canvas(inverted(code_image("qrcode", "RS:RO-000001", 6))));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].scan.text == "RS:RO-000001");
    CHECK(codes[0].pass == "inverted");
}

TEST_CASE("only the formats the configuration enables are read") {
    cv::Mat frame = on_canvas(code_image("code128", "SN-ABC-12345"), 1280, 720, 0.3, 0.3);
    place(frame, code_image("datamatrix", "PCB-7731", 6), 800, 400);
    DecoderOptions only_matrix;
    only_matrix.formats = *parse_barcode_formats({"datamatrix"});
    CHECK(texts(read(frame, only_matrix)) == std::vector<std::string>{"PCB-7731"});
    DecoderOptions only_code128;
    only_code128.formats = *parse_barcode_formats({"code128"});
    CHECK(texts(read(frame, only_code128)) == std::vector<std::string>{"SN-ABC-12345"});
}

TEST_CASE("max_symbols bounds what one frame yields") {
    cv::Mat frame = on_canvas(code_image("code128", "A-1"), 1280, 720, 0.2, 0.2);
    place(frame, code_image("code128", "B-2"), 700, 100);
    place(frame, code_image("code128", "C-3"), 100, 450);
    DecoderOptions options;
    options.max_symbols = 2;
    CHECK(read(frame, options).size() == 2);
}

TEST_CASE("the frame is left as it was: codes are blanked out in copies") {
    cv::Mat frame = on_canvas(code_image("code128", "SN-ABC-12345"), 1280, 720, 0.3, 0.3);
    place(frame, inverted(code_image("datamatrix", "PCB-7731", 6)), 800, 400);
    cv::Mat before = frame.clone();
    CHECK(read(frame).size() == 2);
    CHECK(cv::countNonZero(frame != before) == 0);
}

TEST_CASE("frames without codes, empty frames and color frames") {
    CHECK(read(on_canvas(cv::Mat(10, 10, CV_8UC1, cv::Scalar(255)))).empty());
    CHECK(read(cv::Mat()).empty());
    cv::Mat color;
    cv::cvtColor(on_canvas(code_image("code128", "SN-ABC-12345")), color, cv::COLOR_GRAY2BGR);
    CHECK(texts(read(color)) == std::vector<std::string>{"SN-ABC-12345"});
}

TEST_CASE("format names: unknown ones are refused with the list of known ones") {
    auto parsed = parse_barcode_formats({"code128", "qr"});
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find("unknown barcode format \"qr\"") != std::string::npos);
    CHECK(parsed.error().message.find("qrcode") != std::string::npos);
    auto all = parse_barcode_formats({"all"});
    REQUIRE(all);
    CHECK(all->names() == barcode_format_names());
    CHECK(default_barcode_formats().linear().names() ==
          std::vector<std::string>{"code39", "code128", "ean8", "ean13", "itf", "upca", "upce"});
    CHECK(default_barcode_formats().matrix().names() ==
          std::vector<std::string>{"datamatrix", "pdf417", "qrcode"});
}
