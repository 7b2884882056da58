// Photo quality checks: sharpness, exposure and glare, each verdict with advice a person can act
// on.
#pragma once

#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

namespace rs::devices {

// Every measure is taken on the frame scaled to k_quality_width pixels wide, so that the
// thresholds mean the same at 720p and at 4K.
inline constexpr int k_quality_width = 640;

struct QualityThresholds {
    double min_sharpness = 40.0;           // variance of the Laplacian below this: blurred
    double min_brightness = 60.0;          // mean luminance (0-255) below this: too dark
    double max_brightness = 200.0;         // above this: washed out
    double max_clipped_shadows = 0.25;     // share of pixels at 0-5: shadows lost (too dark)
    double max_clipped_highlights = 0.20;  // share at 250-255: highlights lost (washed out)
    double max_glare = 0.003;              // largest solid saturated spot, share of the frame
};

enum class QualityIssue { Blurred, TooDark, WashedOut, Glare };
const char* quality_issue_name(QualityIssue issue);

struct QualityFinding {
    QualityIssue issue;
    std::string advice;  // what the person at the bench should do about it
};

struct QualityReport {
    double sharpness = 0;           // variance of the Laplacian of the luminance
    double brightness = 0;          // mean luminance, 0-255
    double clipped_shadows = 0;     // share of pixels at 0-5
    double clipped_highlights = 0;  // share of pixels at 250-255
    double glare = 0;               // largest connected saturated spot, share of the frame
    std::vector<QualityFinding> findings;

    bool ok() const { return findings.empty(); }
    // "ok", or the issues joined: "blurred, glare".
    std::string verdict() const;
};

// Sharpness alone (the still capture compares frames by it).
double frame_sharpness(const cv::Mat& image);

QualityReport check_quality(const cv::Mat& image, const QualityThresholds& thresholds = {});

}  // namespace rs::devices
