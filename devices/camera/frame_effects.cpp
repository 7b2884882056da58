// Frame effects with OpenCV: affine and perspective warps, blur, noise, gain.
#include "devices/camera/frame_effects.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace rs::devices {

cv::Mat rotated(const cv::Mat& image, double degrees, const cv::Scalar& fill) {
    if (degrees == 0) return image.clone();
    cv::Point2f center(static_cast<float>(image.cols) / 2, static_cast<float>(image.rows) / 2);
    cv::Mat turn = cv::getRotationMatrix2D(center, degrees, 1.0);
    cv::Rect2f bounds =
        cv::RotatedRect(center, image.size(), static_cast<float>(degrees)).boundingRect2f();
    turn.at<double>(0, 2) += bounds.width / 2.0 - center.x;
    turn.at<double>(1, 2) += bounds.height / 2.0 - center.y;
    cv::Mat out;
    cv::warpAffine(image, out, turn, bounds.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, fill);
    return out;
}

cv::Mat tilted(const cv::Mat& image, double tilt, const cv::Scalar& fill) {
    auto w = static_cast<float>(image.cols), h = static_cast<float>(image.rows);
    float inset = static_cast<float>(tilt) * w / 2;
    cv::Point2f from[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    cv::Point2f to[] = {{inset, 0}, {w - inset, 0}, {w, h}, {0, h}};
    cv::Mat out;
    cv::warpPerspective(image, out, cv::getPerspectiveTransform(from, to), image.size(),
                        cv::INTER_LINEAR, cv::BORDER_CONSTANT, fill);
    return out;
}

cv::Mat blurred(const cv::Mat& image, double sigma) {
    if (sigma <= 0) return image.clone();
    cv::Mat out;
    cv::GaussianBlur(image, out, cv::Size(), sigma);
    return out;
}

cv::Mat noisy(const cv::Mat& image, double sigma, unsigned seed) {
    if (sigma <= 0) return image.clone();
    cv::Mat noise(image.size(), CV_MAKETYPE(CV_16S, image.channels()));
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
    cv::Mat sum, out;
    cv::add(image, noise, sum, cv::noArray(), CV_MAKETYPE(CV_16S, image.channels()));
    sum.convertTo(out, image.type());
    return out;
}

cv::Mat lit(const cv::Mat& image, double gain) {
    cv::Mat out;
    image.convertTo(out, -1, gain, 0);
    return out;
}

cv::Mat inverted(const cv::Mat& image) {
    cv::Mat out;
    cv::bitwise_not(image, out);
    return out;
}

cv::Mat luminance_of(const cv::Mat& image) {
    if (image.channels() == 1) return image;
    cv::Mat gray;
    cv::cvtColor(image, gray, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return gray;
}

void place(cv::Mat& canvas, const cv::Mat& part, int x, int y) {
    cv::Mat converted = part;
    if (part.channels() != canvas.channels())
        cv::cvtColor(part, converted,
                     canvas.channels() == 3 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGR2GRAY);
    cv::Rect target =
        cv::Rect(x, y, part.cols, part.rows) & cv::Rect(0, 0, canvas.cols, canvas.rows);
    if (target.empty()) return;
    converted(cv::Rect(target.x - x, target.y - y, target.width, target.height))
        .copyTo(canvas(target));
}

}  // namespace rs::devices
