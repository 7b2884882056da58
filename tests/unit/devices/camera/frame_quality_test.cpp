// Quality verdicts against frames known to be sharp, blurred, dark, washed out or with glare.
#include "devices/camera/frame_quality.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "devices/camera/camera_source.h"
#include "devices/camera/frame_effects.h"
#include "devices/camera/simulated_camera.h"

using namespace rs::devices;

namespace {

// The simulated bench: a device with a white label, sharp, normally lit, little noise.
cv::Mat bench_frame() {
    SimulatedCamera camera(default_simulated_scene());
    REQUIRE(camera.open());
    auto frame = camera.capture();
    REQUIRE(frame);
    REQUIRE(*frame);
    return (*frame)->image;
}

std::vector<QualityIssue> issues(const QualityReport& report) {
    std::vector<QualityIssue> out;
    for (const auto& finding : report.findings)
        out.push_back(finding.issue);
    return out;
}

bool advice_says(const QualityReport& report, const std::string& words) {
    for (const auto& finding : report.findings)
        if (finding.advice.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a sharp, well lit frame is ok") {
    auto report = check_quality(bench_frame());
    CHECK(report.ok());
    CHECK(report.verdict() == "ok");
    CHECK(report.sharpness > 40);
    CHECK(report.brightness > 60);
    CHECK(report.brightness < 200);
}

TEST_CASE("out of focus is blurred, with advice about focus and the lens") {
    auto report = check_quality(blurred(bench_frame(), 4));
    CHECK(issues(report) == std::vector<QualityIssue>{QualityIssue::Blurred});
    CHECK(report.verdict() == "blurred");
    CHECK(advice_says(report, "focus"));
    // Sensor noise does not pass for detail.
    CHECK(issues(check_quality(noisy(blurred(bench_frame(), 4), 8, 1))) ==
          std::vector<QualityIssue>{QualityIssue::Blurred});
}

TEST_CASE("a dark bench is too dark, and not called blurred for it") {
    auto report = check_quality(lit(bench_frame(), 0.3));
    CHECK(issues(report) == std::vector<QualityIssue>{QualityIssue::TooDark});
    CHECK(advice_says(report, "lamp"));
}

TEST_CASE("an overexposed frame is washed out, not glare") {
    cv::Mat frame = lit(bench_frame(), 4.0);
    auto report = check_quality(frame);
    CHECK(issues(report) == std::vector<QualityIssue>{QualityIssue::WashedOut});
    CHECK(advice_says(report, "exposure"));
}

TEST_CASE("the lamp reflection is glare, a white label clipped around its bars is not") {
    cv::Mat frame = bench_frame();
    cv::ellipse(frame, cv::Point(420, 330), cv::Size(70, 45), 20, 0, 360, cv::Scalar(255, 255, 255),
                cv::FILLED);
    auto report = check_quality(frame);
    CHECK(issues(report) == std::vector<QualityIssue>{QualityIssue::Glare});
    CHECK(advice_says(report, "tilt"));
    CHECK(report.glare > 0.003);

    cv::Mat label_clipped = lit(bench_frame(), 1.6);  // the label saturates, bars stay black
    auto clipped = check_quality(label_clipped);
    CHECK(clipped.clipped_highlights > 0.01);
    CHECK(clipped.ok());
}

TEST_CASE("thresholds are configuration: a stricter sharpness makes the same frame blurred") {
    cv::Mat frame = blurred(bench_frame(), 1.5);
    CHECK(check_quality(frame).ok());
    QualityThresholds strict;
    strict.min_sharpness = 1000;
    CHECK(issues(check_quality(frame, strict)) == std::vector<QualityIssue>{QualityIssue::Blurred});
}

TEST_CASE("sharpness orders frames from sharp to blurred") {
    cv::Mat frame = bench_frame();
    double previous = frame_sharpness(frame);
    for (double sigma : {1.0, 2.0, 3.0, 5.0}) {
        double now = frame_sharpness(blurred(frame, sigma));
        CHECK(now < previous);
        previous = now;
    }
    CHECK(frame_sharpness(cv::Mat()) == 0);
}
