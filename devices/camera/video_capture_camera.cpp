// VideoCaptureCamera: opening the right OpenCV backend, MJPG setup, unplug as a state.
#include "devices/camera/video_capture_camera.h"

#include <fmt/format.h>
#include <opencv2/videoio.hpp>  // the constants only: the code is in the module

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/logger.h"

namespace rs::devices {
namespace {

const Logger k_log("camera");

bool all_digits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string source_name(const VideoSourceOptions& options) {
    switch (options.kind) {
        case VideoSourceKind::Device:
            return "v4l2:" + (all_digits(options.location) ? "/dev/video" + options.location
                                                           : options.location);
        case VideoSourceKind::File:
            return "file:" + options.location;
        case VideoSourceKind::Url:
            return "url:" + url_without_credentials(options.location);
    }
    return options.location;
}

// cv::VideoWriter::fourcc, which is not in a header: the four characters, lowest byte first.
int fourcc_code(const std::string& f) {
    auto byte = [](char c) { return static_cast<int>(static_cast<unsigned char>(c)); };
    return byte(f[0]) | byte(f[1]) << 8 | byte(f[2]) << 16 | byte(f[3]) << 24;
}

}  // namespace

std::string url_without_credentials(const std::string& url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    auto authority_start = scheme_end + 3;
    auto authority_end = url.find_first_of("/?#", authority_start);
    auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
    if (at == std::string::npos || at < authority_start) return url;
    return url.substr(0, authority_start) + url.substr(at + 1);
}

VideoCaptureCamera::VideoCaptureCamera(VideoSourceOptions options, const Clock& clock)
    : m_options(std::move(options)), m_clock(clock), m_source(source_name(m_options)) {}

VideoCaptureCamera::~VideoCaptureCamera() {
    close();
}

Status VideoCaptureCamera::open_capture() {
    const std::string& location = m_options.location;
    if (!m_capture) {
        auto io = opencv_io();
        if (!io) return std::unexpected(io.error());
        m_capture = (*io)->video_input();
    }
    VideoInput& capture = *m_capture;
    try {
        bool opened = false;
        switch (m_options.kind) {
            case VideoSourceKind::Device:
                if (!all_digits(location) && !std::filesystem::exists(location))
                    return fail(ErrorCode::NotFound,
                                fmt::format("camera {} is not plugged in (no such device); check "
                                            "`station camera list`",
                                            location),
                                "camera");
                opened = all_digits(location) ? capture.open(std::stoi(location), cv::CAP_V4L2)
                                              : capture.open(location, cv::CAP_V4L2, {});
                break;
            case VideoSourceKind::File:
                if (!std::filesystem::is_regular_file(location))
                    return fail(ErrorCode::NotFound,
                                fmt::format("video file {} does not exist", location), "camera");
                // FFmpeg reads every common container; other backends only add noise here.
                opened = capture.open(location, cv::CAP_FFMPEG, {});
                break;
            case VideoSourceKind::Url:
                opened = capture.open(location, cv::CAP_FFMPEG,
                                      {cv::CAP_PROP_OPEN_TIMEOUT_MSEC, m_options.timeout_ms,
                                       cv::CAP_PROP_READ_TIMEOUT_MSEC, m_options.timeout_ms});
                break;
        }
        if (!opened || !capture.is_opened())
            return fail(
                m_options.kind == VideoSourceKind::File ? ErrorCode::Invalid : ErrorCode::Io,
                m_options.kind == VideoSourceKind::File
                    ? fmt::format("{} is not a video OpenCV can read", location)
                    : fmt::format("cannot open camera {}: busy, unplugged or not "
                                  "answering",
                                  m_source),
                "camera");
        if (m_options.kind == VideoSourceKind::Device) {
            // The order matters on V4L2: format first, then size and rate for that format.
            if (m_options.fourcc.size() == 4) {
                const std::string& f = m_options.fourcc;
                capture.set(cv::CAP_PROP_FOURCC, fourcc_code(f));
            }
            if (m_options.width > 0) capture.set(cv::CAP_PROP_FRAME_WIDTH, m_options.width);
            if (m_options.height > 0) capture.set(cv::CAP_PROP_FRAME_HEIGHT, m_options.height);
            if (m_options.fps > 0) capture.set(cv::CAP_PROP_FPS, m_options.fps);
            int width = static_cast<int>(capture.get(cv::CAP_PROP_FRAME_WIDTH));
            int height = static_cast<int>(capture.get(cv::CAP_PROP_FRAME_HEIGHT));
            if ((m_options.width > 0 && width != m_options.width) ||
                (m_options.height > 0 && height != m_options.height))
                k_log.warn("{} gives {}x{} instead of the configured {}x{}", m_source, width,
                           height, m_options.width, m_options.height);
        }
    } catch (const cv::Exception& error) {
        capture.release();
        return fail(ErrorCode::Io, fmt::format("cannot open {}: {}", m_source, error.what()),
                    "camera");
    }
    return {};
}

Status VideoCaptureCamera::open() {
    if (m_state == CameraState::Connected) return {};
    auto opened = open_capture();
    if (!opened) return opened;
    m_state = CameraState::Connected;
    k_log.info("{} open", m_source);
    return {};
}

void VideoCaptureCamera::close() {
    try {
        if (m_capture) m_capture->release();
    } catch (const cv::Exception& error) {
        k_log.warn("closing {}: {}", m_source, error.what());
    }
    m_state = CameraState::Closed;
}

Result<std::optional<Frame>> VideoCaptureCamera::capture() {
    if (m_state == CameraState::Finished) return std::nullopt;
    if (m_state == CameraState::Closed)
        return fail(ErrorCode::Conflict, m_source + " is not open", "camera");
    if (m_state == CameraState::Disconnected) {
        // Taken again as soon as it answers: a re-plugged camera needs no restart.
        if (auto reopened = open_capture(); !reopened) return std::unexpected(reopened.error());
        m_state = CameraState::Connected;
        k_log.info("{} is back", m_source);
    }
    cv::Mat image;
    bool read = false;
    try {
        read = m_capture->read(image);
    } catch (const cv::Exception& error) {
        k_log.warn("{}: {}", m_source, error.what());
    }
    if (read && !image.empty()) {
        return Frame{std::move(image), m_clock.now_ms(), m_next_index++};
    }
    if (m_options.kind == VideoSourceKind::File) {
        m_state = CameraState::Finished;
        return std::nullopt;
    }
    m_capture->release();
    m_state = CameraState::Disconnected;
    k_log.warn("{} stopped delivering frames", m_source);
    return fail(ErrorCode::Io,
                fmt::format("camera {} stopped delivering frames: unplugged or the stream ended; "
                            "check the cable or the network, it is taken again when it answers",
                            m_source),
                "camera");
}

}  // namespace rs::devices
