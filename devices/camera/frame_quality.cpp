// Quality measures on a reduced luminance image, and the verdicts with their advice.
#include "devices/camera/frame_quality.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "devices/camera/frame_effects.h"

namespace rs::devices {
namespace {

// Luminance at the measuring width; INTER_AREA averages, so noise is not taken for detail.
cv::Mat measuring_luminance(const cv::Mat& image) {
    cv::Mat gray = luminance_of(image);
    if (gray.cols <= k_quality_width) return gray;
    double scale = static_cast<double>(k_quality_width) / gray.cols;
    // At least one row: a 3000x1 image scaled by a factor has none, and resize throws.
    cv::Size size(k_quality_width, std::max(1, static_cast<int>(std::lround(gray.rows * scale))));
    cv::Mat reduced;
    cv::resize(gray, reduced, size, 0, 0, cv::INTER_AREA);
    return reduced;
}

double laplacian_variance(const cv::Mat& gray) {
    // A light smoothing first: sensor noise would otherwise pass for detail.
    cv::Mat smooth, laplacian;
    cv::GaussianBlur(gray, smooth, cv::Size(3, 3), 0);
    cv::Laplacian(smooth, laplacian, CV_32F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    return deviation[0] * deviation[0];
}

// The largest solid spot of saturated pixels: the lamp's reflection is one bright spot without
// holes, whereas an overexposed white label is saturated around its bars and text.
double largest_saturated_spot(const cv::Mat& gray) {
    cv::Mat saturated;
    cv::threshold(gray, saturated, 249, 255, cv::THRESH_BINARY);
    cv::Mat labels, stats, centroids;
    int count = cv::connectedComponentsWithStats(saturated, labels, stats, centroids, 8, CV_32S);
    int largest = 0;
    for (int label = 1; label < count; ++label) {
        int area = stats.at<int>(label, cv::CC_STAT_AREA);
        if (area <= largest) continue;
        cv::Rect box(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                     stats.at<int>(label, cv::CC_STAT_WIDTH),
                     stats.at<int>(label, cv::CC_STAT_HEIGHT));
        cv::Mat spot = labels(box) == label;
        std::vector<std::vector<cv::Point>> outline;
        cv::findContours(spot, outline, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        cv::Mat filled = cv::Mat::zeros(spot.size(), CV_8UC1);
        cv::drawContours(filled, outline, -1, cv::Scalar(255), cv::FILLED);
        if (area >= 0.9 * cv::countNonZero(filled)) largest = area;
    }
    return static_cast<double>(largest) / static_cast<double>(gray.total());
}

}  // namespace

const char* quality_issue_name(QualityIssue issue) {
    switch (issue) {
        case QualityIssue::Blurred:
            return "blurred";
        case QualityIssue::TooDark:
            return "too_dark";
        case QualityIssue::WashedOut:
            return "washed_out";
        case QualityIssue::Glare:
            return "glare";
    }
    return "unknown";
}

std::string QualityReport::verdict() const {
    if (findings.empty()) return "ok";
    std::string text;
    for (const auto& finding : findings) {
        if (!text.empty()) text += ", ";
        text += quality_issue_name(finding.issue);
    }
    return text;
}

double frame_sharpness(const cv::Mat& image) {
    if (image.empty()) return 0;
    return laplacian_variance(measuring_luminance(image));
}

QualityReport check_quality(const cv::Mat& image, const QualityThresholds& thresholds) {
    QualityReport report;
    if (image.empty()) return report;
    cv::Mat gray = measuring_luminance(image);
    report.sharpness = laplacian_variance(gray);
    report.brightness = cv::mean(gray)[0];
    double pixels = static_cast<double>(gray.total());
    cv::Mat mask;
    cv::inRange(gray, 0, 5, mask);
    report.clipped_shadows = cv::countNonZero(mask) / pixels;
    cv::inRange(gray, 250, 255, mask);
    report.clipped_highlights = cv::countNonZero(mask) / pixels;
    report.glare = largest_saturated_spot(gray);

    bool dark = report.brightness < thresholds.min_brightness ||
                report.clipped_shadows > thresholds.max_clipped_shadows;
    bool washed = report.brightness > thresholds.max_brightness ||
                  report.clipped_highlights > thresholds.max_clipped_highlights;
    if (dark)
        report.findings.push_back(
            {QualityIssue::TooDark,
             fmt::format("too dark (brightness {:.0f} of 255, {:.0f}% black): switch on the bench "
                         "lamp or bring it closer, or raise the camera's exposure",
                         report.brightness, 100 * report.clipped_shadows)});
    if (washed)
        report.findings.push_back(
            {QualityIssue::WashedOut,
             fmt::format("washed out (brightness {:.0f} of 255, {:.0f}% white): dim or move the "
                         "lamp away, or lower the camera's exposure",
                         report.brightness, 100 * report.clipped_highlights)});
    // A washed-out frame is saturated all over: calling that glare would give the wrong advice.
    if (!washed && report.glare > thresholds.max_glare)
        report.findings.push_back(
            {QualityIssue::Glare,
             fmt::format("glare ({:.1f}% of the frame is one reflection): tilt the device or move "
                         "the lamp so its light does not reflect into the lens",
                         100 * report.glare)});
    // Darkness also flattens the Laplacian: say blurred only when exposure is not the cause.
    if (!dark && report.sharpness < thresholds.min_sharpness)
        report.findings.push_back(
            {QualityIssue::Blurred,
             fmt::format("blurred (sharpness {:.0f}, needs {:.0f}): hold the device still on the "
                         "bench, check the focus and wipe the lens",
                         report.sharpness, thresholds.min_sharpness)});
    return report;
}

}  // namespace rs::devices
