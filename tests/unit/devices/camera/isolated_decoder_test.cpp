// IsolatedDecoder: codes read by the real station-decode-worker process; a worker that dies or
// hangs costs one frame (reported and kept), never the caller; frames that abort plain zxing-cpp
// and shapes OpenCV refuses are read or refused without harm.
#include "devices/camera/isolated_decoder.h"

#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "devices/camera/decode_protocol.h"
#include "test_frames.h"
#include "tests/support/temp_dir.h"

using namespace rs::devices;
using rs::test::code_image;
using rs::test::on_canvas;
using rs::test::texts;
namespace fs = std::filesystem;

namespace {

cv::Mat two_codes() {
    cv::Mat frame = on_canvas(code_image("code128", "SN-4711-00042"), 1280, 720, 0.3, 0.3);
    place(frame, code_image("datamatrix", "PCB-12345678", 6), 900, 400);
    return frame;
}

// A frame no decoder finishes in a millisecond: twelve megapixels of noise.
cv::Mat slow_frame() {
    cv::Mat frame(3000, 4000, CV_8UC1);
    cv::randu(frame, 0, 255);
    return frame;
}

}  // namespace

TEST_CASE("the worker reads what FrameDecoder reads, one worker for many frames") {
    IsolatedDecoder decoder;
    cv::Mat frame = two_codes();
    for (int round = 0; round < 3; ++round) {
        auto reading = decoder.decode(frame, "test", 42);
        REQUIRE_FALSE(reading.failure);
        CHECK(texts(reading.codes) == texts(FrameDecoder().decode(frame, "test", 42)));
        CHECK(texts(reading.codes) == std::vector<std::string>{"PCB-12345678", "SN-4711-00042"});
        for (const auto& code : reading.codes) {
            CHECK(code.scan.source == "test");
            CHECK(code.scan.time_ms == 42);
        }
    }
    CHECK(decoder.workers_started() == 1);
    CHECK(decoder.workers_lost() == 0);
    // Colour frames are made gray before they are sent.
    cv::Mat colour;
    cv::cvtColor(frame, colour, cv::COLOR_GRAY2BGR);
    CHECK(texts(decoder.decode(colour, "test", 0).codes).size() == 2);
}

TEST_CASE("a worker killed between frames is replaced and the next frame is read") {
    IsolatedDecoder decoder;
    REQUIRE(decoder.decode(two_codes(), "test", 0).codes.size() == 2);
    REQUIRE(decoder.worker_pid() > 0);
    REQUIRE(kill(decoder.worker_pid(), SIGABRT) == 0);
    auto reading = decoder.decode(two_codes(), "test", 0);
    CHECK_FALSE(reading.failure);
    CHECK(reading.codes.size() == 2);
    CHECK(decoder.workers_started() == 2);
}

TEST_CASE("a frame the worker does not survive is reported, kept, and the next one read") {
    rs::test::TempDir dir;
    WorkerSettings settings;
    settings.keep_dir = (dir.path() / "undecodable").string();
    settings.timeout_ms = 1;  // the worker is killed in the middle of the slow frame
    IsolatedDecoder decoder({}, settings);
    cv::Mat slow = slow_frame();
    auto lost = decoder.decode(slow, "file:bench.png", 7);
    REQUIRE(lost.failure);
    CHECK(lost.failure->code == rs::ErrorCode::Timeout);
    CHECK(lost.codes.empty());
    CHECK(lost.failure->message.find("undecodable") != std::string::npos);
    CHECK(lost.failure->message.find("file:bench.png") != std::string::npos);
    REQUIRE_FALSE(lost.kept_frame.empty());
    CHECK(lost.failure->message.find(lost.kept_frame) != std::string::npos);
    cv::Mat kept = cv::imread(lost.kept_frame, cv::IMREAD_UNCHANGED);
    REQUIRE(kept.size() == slow.size());
    CHECK(cv::norm(kept, slow, cv::NORM_INF) == 0);  // the very pixels, for a bug report
    CHECK(decoder.workers_lost() == 1);

    CHECK(decoder.worker_pid() < 0);  // killed and reaped: no zombie left behind
}

TEST_CASE("without its worker program every frame says so, and nothing else breaks") {
    IsolatedDecoder decoder({}, {"/nonexistent/station-decode-worker", "", 1000});
    for (int round = 0; round < 2; ++round) {
        auto reading = decoder.decode(two_codes(), "test", 0);
        REQUIRE(reading.failure);
        CHECK(reading.failure->message.find("/nonexistent/station-decode-worker") !=
              std::string::npos);
    }
}

TEST_CASE("frames that abort plain zxing-cpp are read by the worker, which survives them") {
    // Found with bench/camera_decode (tests/fixtures/camera/zxing-aborts/README.md).
    fs::path fixtures = fs::path(CAMERA_FIXTURES) / "zxing-aborts";
    std::ifstream truth(fixtures / "truth.tsv");
    REQUIRE(truth);
    std::map<std::string, std::vector<std::string>> expected;  // file: texts
    for (std::string line; std::getline(truth, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
        expected[line.substr(0, tab1)].push_back(line.substr(tab2 + 1));
    }
    REQUIRE(expected.size() >= 3);
    IsolatedDecoder decoder;
    for (const auto& [file, texts_there] : expected) {
        INFO(file);
        cv::Mat frame = cv::imread((fixtures / file).string(), cv::IMREAD_GRAYSCALE);
        REQUIRE_FALSE(frame.empty());
        int status = rs::test::status_of_plain_zxing(frame);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGABRT);
        auto reading = decoder.decode(frame, "test", 0);
        CHECK_FALSE(reading.failure);
        auto read = texts(reading.codes);
        for (const auto& text : texts_there)
            CHECK(std::count(read.begin(), read.end(), text) >= 1);
    }
    CHECK(decoder.workers_lost() == 0);
}

TEST_CASE("images OpenCV refuses to scale are frames without codes, not a crash") {
    // 3000x1 scaled to the work width has no rows left: cv::resize throws (issue 17).
    for (cv::Size size : {cv::Size(3000, 1), cv::Size(100000, 1), cv::Size(1, 5000)}) {
        cv::Mat line(size, CV_8UC1, cv::Scalar(0));
        CHECK(FrameDecoder().decode(line, "test", 0).empty());
        auto reading = IsolatedDecoder().decode(line, "test", 0);
        CHECK_FALSE(reading.failure);
        CHECK(reading.codes.empty());
    }
    // Larger than any camera makes: refused before it is sent.
    auto huge = IsolatedDecoder().decode(
        cv::Mat(1, static_cast<int>(k_max_worker_pixels) + 1, CV_8UC1, cv::Scalar(0)), "test", 0);
    REQUIRE(huge.failure);
    CHECK(huge.failure->code == rs::ErrorCode::Invalid);
}
