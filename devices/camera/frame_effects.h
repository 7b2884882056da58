// Frame effects: what optics and light do to a picture, for the simulated camera, tests, benches.
#pragma once

#include <opencv2/core/mat.hpp>

namespace rs::devices {

// Turned by `degrees` counter-clockwise on a canvas that holds all of it; `fill` around.
cv::Mat rotated(const cv::Mat& image, double degrees, const cv::Scalar& fill);
// Seen at a slant: the top edge shrunk by `tilt` (0.3: 30% narrower), as a label photographed
// from below its middle.
cv::Mat tilted(const cv::Mat& image, double tilt, const cv::Scalar& fill);
// Gaussian blur with standard deviation `sigma` in pixels (out of focus, shaken).
cv::Mat blurred(const cv::Mat& image, double sigma);
// Sensor noise: Gaussian, standard deviation `sigma` gray levels, the same for the same seed.
cv::Mat noisy(const cv::Mat& image, double sigma, unsigned seed);
// Light times `gain`: 0.25 a dark bench, 2 an overexposed one (clipped at 255).
cv::Mat lit(const cv::Mat& image, double gain);
// 8-bit luminance of a gray, BGR or BGRA image (a gray one is returned as it is).
cv::Mat luminance_of(const cv::Mat& image);
// Dark and light swapped.
cv::Mat inverted(const cv::Mat& image);
// `part` copied into `canvas` with its top-left corner at (x, y), converted to the canvas's
// channels; the part is clipped at the canvas's edges.
void place(cv::Mat& canvas, const cv::Mat& part, int x, int y);

}  // namespace rs::devices
