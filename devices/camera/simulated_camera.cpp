// SimulatedCamera: drawing the scene once, then blur, light and noise per frame.
#include "devices/camera/simulated_camera.h"

#include <fmt/format.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "devices/camera/barcode_image.h"
#include "devices/camera/frame_effects.h"

namespace rs::devices {

SimulatedCamera::SimulatedCamera(SimulatedCameraOptions options, const Clock& clock)
    : m_options(std::move(options)), m_clock(clock), m_source("sim:" + m_options.name) {}

Status SimulatedCamera::open() {
    if (m_options.width < 64 || m_options.height < 64)
        return fail(ErrorCode::Invalid, "a simulated camera needs at least 64x64 pixels", "camera");
    const int width = m_options.width, height = m_options.height;
    // The bench mat: a dark green-gray gradient, so nothing in the scene is flat.
    cv::Mat scene(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        scene.row(y).setTo(cv::Scalar(70 + 30 * y / height, 90 + 20 * y / height, 60));
    // The device: a dark body with a lighter screen, as seen from above.
    cv::Rect body(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
    cv::rectangle(scene, body, cv::Scalar(45, 45, 50), cv::FILLED);
    cv::rectangle(scene,
                  cv::Rect(body.x + body.width / 12, body.y + body.height / 10, body.width / 3,
                           body.height * 4 / 5),
                  cv::Scalar(90, 80, 70), cv::FILLED);
    cv::putText(scene, "REPAIR STATION SIM", cv::Point(body.x + 10, body.y + body.height - 12),
                cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(160, 160, 160), 1, cv::LINE_AA);

    // The codes, top to bottom in the right part of the device.
    int x0 = body.x + body.width / 2, y = body.y + body.height / 12;
    for (const auto& code : m_options.codes) {
        auto drawn = draw_barcode({code.format, code.text, code.module_px, 0, 10, code.gs1});
        if (!drawn) return std::unexpected(drawn.error());
        cv::Mat gray = *drawn;
        if (code.etched) cv::bitwise_not(gray, gray);  // light marks on dark metal
        gray = rotated(gray, code.angle, cv::Scalar(code.etched ? 0 : 255));
        if (x0 + gray.cols > width || y + gray.rows > height)
            return fail(ErrorCode::Invalid,
                        fmt::format("code \"{}\" does not fit in the {}x{} scene: fewer codes, a "
                                    "smaller module_px or a larger frame",
                                    code.text, width, height),
                        "camera");
        cv::Mat color;
        cv::cvtColor(gray, color, cv::COLOR_GRAY2BGR);
        // Paper is not pure white: keep the label a little below saturation.
        color.convertTo(color, -1, 215.0 / 255.0, 25);
        color.copyTo(scene(cv::Rect(x0, y, gray.cols, gray.rows)));
        y += gray.rows + 8;
    }
    m_scene = scene;
    m_delivered = 0;
    m_unplugged = false;
    m_state = CameraState::Connected;
    return {};
}

Result<std::optional<Frame>> SimulatedCamera::capture() {
    if (m_state == CameraState::Closed)
        return fail(ErrorCode::Conflict, m_source + " is not open", "camera");
    if (m_state == CameraState::Finished) return std::nullopt;
    if (!m_unplugged && !m_was_unplugged && m_options.unplug_after >= 0 &&
        m_delivered >= m_options.unplug_after)
        m_unplugged = true;
    if (m_unplugged) {
        ++m_failed_while_unplugged;
        if (m_options.replug_after > 0 && m_failed_while_unplugged > m_options.replug_after) {
            m_unplugged = false;
            m_was_unplugged = true;
            m_state = CameraState::Connected;
        } else {
            m_state = CameraState::Disconnected;
            return fail(ErrorCode::Io,
                        fmt::format("camera {} stopped delivering frames: unplugged; it is taken "
                                    "again when it answers",
                                    m_source),
                        "camera");
        }
    }
    if (m_options.frames > 0 && m_delivered >= m_options.frames) {
        m_state = CameraState::Finished;
        return std::nullopt;
    }
    double sigma =
        m_options.blur.empty()
            ? 0
            : m_options.blur[static_cast<std::size_t>(m_delivered) % m_options.blur.size()];
    cv::Mat image = noisy(lit(blurred(m_scene, sigma), m_options.brightness), m_options.noise,
                          m_options.seed + static_cast<unsigned>(m_delivered));
    return Frame{std::move(image), m_clock.now_ms(), m_delivered++};
}

}  // namespace rs::devices
