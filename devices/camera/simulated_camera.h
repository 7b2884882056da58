// SimulatedCamera: a bench scene with a device and its labels, for tests, demo mode and benches.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "devices/camera/camera.h"

namespace rs::devices {

struct SimulatedCode {
    std::string format = "code128";  // a name of barcode_format_names()
    std::string text;
    int module_px = 3;
    bool gs1 = false;     // Code 128 with FNC1 (GS in text separates fields)
    double angle = 0;     // degrees, counter-clockwise
    bool etched = false;  // light on dark metal, like a laser-etched DataMatrix on a board
};

struct SimulatedCameraOptions {
    std::string name = "bench";  // source() is "sim:<name>"
    int width = 1280;
    int height = 720;
    std::vector<SimulatedCode> codes;  // printed on the device's label, top to bottom
    // Gaussian blur (sigma, pixels) of frame i is blur[i % size]: {4, 2, 0, 2, 4} is a focus
    // sweep whose third frame is the sharp one. Empty: every frame sharp.
    std::vector<double> blur;
    double brightness = 1.0;  // scales the light: 0.2 is a dark bench, 2 an overexposed one
    double noise = 2.0;       // sensor noise, standard deviation in gray levels
    int frames = 0;           // frames before the stream ends (Finished); 0: endless
    int unplug_after = -1;    // frames delivered before the cable is pulled; -1: never
    int replug_after = 0;     // failed captures until it is back; 0: stays unplugged
    unsigned seed = 1;        // the noise is the same for the same seed
};

class SimulatedCamera : public Camera {
public:
    explicit SimulatedCamera(SimulatedCameraOptions options,
                             const Clock& clock = SystemClock::instance());

    const std::string& source() const override { return m_source; }
    // Fails (Invalid) when a code cannot be drawn (text its format cannot hold).
    Status open() override;
    void close() override { m_state = CameraState::Closed; }
    CameraState state() const override { return m_state; }
    Result<std::optional<Frame>> capture() override;

    // The scene without blur, light or noise: what a perfect camera would see.
    const cv::Mat& scene() const { return m_scene; }

private:
    SimulatedCameraOptions m_options;
    const Clock& m_clock;
    std::string m_source;
    cv::Mat m_scene;
    CameraState m_state = CameraState::Closed;
    std::int64_t m_delivered = 0;
    int m_failed_while_unplugged = 0;
    bool m_unplugged = false;
    bool m_was_unplugged = false;
};

}  // namespace rs::devices
