// IsolatedDecoder: FrameDecoder in a worker process, so that no frame can take the station down.
#pragma once

#include <sys/types.h>

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/camera/frame_decoder.h"

namespace rs::devices {

struct WorkerSettings {
    std::string worker_path;  // empty: find_decode_worker()
    // Frames the worker died or hung on are written here as PNG (with the worker's stderr in
    // worker.log) for a bug report; empty: not kept.
    std::string keep_dir;
    int timeout_ms = 20000;  // a frame taking longer is given up and its worker killed
};

struct FrameReading {
    std::vector<DecodedCode> codes;
    std::optional<Error> failure;  // the frame could not be decoded: the worker died or hung
    std::string kept_frame;        // where that frame was kept, if it was
};

// The worker executable: $RS_DECODE_WORKER, else station-decode-worker next to this program,
// else the one of this build tree.
std::string find_decode_worker();

// zxing-cpp 1.4 as packaged aborts on an assertion for some images (docs/cameras.md). Frames are
// decoded by station-decode-worker, one at a time over a socket; when it dies (or takes longer
// than timeout_ms) the frame is reported as undecodable and kept, and the next frame starts a
// new worker. Not thread-safe: one per thread that decodes.
class IsolatedDecoder {
public:
    explicit IsolatedDecoder(DecoderOptions options = {}, WorkerSettings settings = {});
    ~IsolatedDecoder();
    IsolatedDecoder(const IsolatedDecoder&) = delete;
    IsolatedDecoder& operator=(const IsolatedDecoder&) = delete;

    // Never throws; a frame the worker could not read has `failure` set.
    FrameReading decode(const cv::Mat& image, const std::string& source, std::int64_t time_ms);

    const DecoderOptions& options() const { return m_options; }
    int workers_started() const { return m_started; }
    int workers_lost() const { return m_lost; }
    pid_t worker_pid() const { return m_pid; }  // -1 while none runs

private:
    Status start();
    void stop();
    // The worker is gone or stuck: reaps it and says how it ended.
    std::string bury(bool kill_it);
    std::string keep(const cv::Mat& gray, std::int64_t time_ms);

    DecoderOptions m_options;
    WorkerSettings m_settings;
    pid_t m_pid = -1;
    int m_socket = -1;
    int m_started = 0;
    int m_lost = 0;
};

}  // namespace rs::devices
