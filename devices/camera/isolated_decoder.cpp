// IsolatedDecoder: the worker process, its restarts, and the frames it could not survive.
#include "devices/camera/isolated_decoder.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <thread>

#include "common/logger.h"
#include "devices/camera/decode_protocol.h"
#include "devices/camera/frame_effects.h"
#include "devices/camera/opencv_io.h"

extern char** environ;

namespace rs::devices {
namespace {

namespace fs = std::filesystem;
const Logger k_log("camera");
constexpr const char* k_worker_name = "station-decode-worker";

Error decode_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message), "camera"};
}

// 8-bit gray, as the worker reads it; OpenCV's own exceptions become an error.
Result<cv::Mat> gray_of(const cv::Mat& image) {
    try {
        if (image.depth() != CV_8U)
            return fail(ErrorCode::Invalid, "frame is not an 8-bit image", "camera");
        if (image.channels() != 1 && image.channels() != 3 && image.channels() != 4)
            return fail(ErrorCode::Invalid,
                        fmt::format("frame has {} channels, not gray or colour", image.channels()),
                        "camera");
        return luminance_of(image);
    } catch (const std::exception& error) {
        return fail(ErrorCode::Invalid, fmt::format("frame not readable: {}", error.what()),
                    "camera");
    }
}

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        int signal = WTERMSIG(status);
        const char* name = sigabbrev_np(signal);
        return fmt::format("died of SIG{} ({})", name ? name : "?", strsignal(signal));
    }
    if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
    return "stopped";
}

}  // namespace

std::string find_decode_worker() {
    if (const char* path = std::getenv("RS_DECODE_WORKER"); path && *path) return path;
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error && fs::exists(self.parent_path() / k_worker_name, error))
        return (self.parent_path() / k_worker_name).string();
#ifdef RS_DECODE_WORKER_BUILD_PATH
    if (fs::exists(RS_DECODE_WORKER_BUILD_PATH, error)) return RS_DECODE_WORKER_BUILD_PATH;
#endif
    return "";
}

IsolatedDecoder::IsolatedDecoder(DecoderOptions options, WorkerSettings settings)
    : m_options(std::move(options)), m_settings(std::move(settings)) {}

IsolatedDecoder::~IsolatedDecoder() {
    stop();
}

Status IsolatedDecoder::start() {
    std::string path =
        m_settings.worker_path.empty() ? find_decode_worker() : m_settings.worker_path;
    if (path.empty())
        return fail(ErrorCode::NotFound,
                    fmt::format("{} not found: it belongs next to the station program (or set "
                                "RS_DECODE_WORKER to its path)",
                                k_worker_name),
                    "camera");
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
        return fail(ErrorCode::Io, fmt::format("socketpair: {}", std::strerror(errno)), "camera");
    // The worker's stderr (zxing-cpp's assertion message) goes beside the kept frames.
    std::string log = "/dev/null";
    if (!m_settings.keep_dir.empty()) {
        std::error_code error;
        fs::create_directories(m_settings.keep_dir, error);
        if (!error) log = (fs::path(m_settings.keep_dir) / "worker.log").string();
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ends[1], 0);
    posix_spawn_file_actions_adddup2(&actions, ends[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    // Its own process group, so that Ctrl+C at the terminal stops the station, not the worker
    // mid-frame; default signal handling and nothing blocked, whatever the station set up.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int signal : {SIGABRT, SIGPIPE, SIGINT, SIGTERM, SIGSEGV})
        sigaddset(&defaults, signal);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(
        &attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    pid_t pid = -1;
    int spawned = posix_spawn(&pid, path.c_str(), &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(ends[1]);
    if (spawned != 0) {
        close(ends[0]);
        return fail(ErrorCode::Io, fmt::format("cannot start {}: {}", path, std::strerror(spawned)),
                    "camera");
    }
    m_pid = pid;
    m_socket = ends[0];
    ++m_started;
    k_log.debug("decode worker {} started ({})", m_pid, path);
    return {};
}

void IsolatedDecoder::stop() {
    if (m_socket >= 0) close(m_socket);  // the worker reads the end of its input and exits
    m_socket = -1;
    if (m_pid <= 0) return;
    for (int waited = 0; waited < 100; ++waited) {
        if (waitpid(m_pid, nullptr, WNOHANG) != 0) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(m_pid, SIGKILL);  // busy with a frame for two seconds: it is not needed any more
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

std::string IsolatedDecoder::bury(bool kill_it) {
    if (m_socket >= 0) close(m_socket);
    m_socket = -1;
    int status = 0;
    if (kill_it) kill(m_pid, SIGKILL);
    // It closed its end: it is exiting. Allow it a moment, then make sure.
    for (int waited = 0; !kill_it && waited < 100; ++waited) {
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return describe_status(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!kill_it) kill(m_pid, SIGKILL);
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    return kill_it ? fmt::format("was killed after the time limit ({} ms)", m_settings.timeout_ms)
                   : describe_status(status);
}

std::string IsolatedDecoder::keep(const cv::Mat& gray, std::int64_t time_ms) {
    if (m_settings.keep_dir.empty()) return "";
    std::error_code error;
    fs::create_directories(m_settings.keep_dir, error);
    fs::path path = fs::path(m_settings.keep_dir) /
                    fmt::format("undecodable-{}-{}-{}.png", time_ms, getpid(), m_lost);
    auto io = opencv_io();
    if (!io) {
        k_log.warn("cannot keep the frame at {}: {}", path.string(), io.error().message);
        return "";
    }
    try {
        if ((*io)->write_image(path.string(), gray)) return path.string();
    } catch (const std::exception& problem) {
        k_log.warn("cannot keep the frame at {}: {}", path.string(), problem.what());
    }
    return "";
}

FrameReading IsolatedDecoder::decode(const cv::Mat& image, const std::string& source,
                                     std::int64_t time_ms) {
    FrameReading reading;
    if (image.empty() || m_options.formats.empty()) return reading;
    auto gray = gray_of(image);
    if (!gray) {
        reading.failure = gray.error();
        return reading;
    }
    if (static_cast<std::int64_t>(gray->rows) * gray->cols > k_max_worker_pixels) {
        reading.failure = decode_error(
            ErrorCode::Invalid,
            fmt::format("frame of {}x{} is larger than the decoder takes ({} pixels at most)",
                        gray->cols, gray->rows, k_max_worker_pixels));
        return reading;
    }
    // A worker that died between frames (killed from outside) cannot take the frame: a new one
    // is started and given it, once.
    bool sent = false;
    for (int attempt = 0; attempt < 2 && !sent; ++attempt) {
        if (m_pid <= 0) {
            if (auto started = start(); !started) {
                reading.failure = started.error();
                return reading;
            }
        }
        sent = write_request(m_socket, *gray, m_options);
        if (!sent && attempt == 0) bury(false);
    }
    // The reply, within the time limit.
    pollfd ready{m_socket, POLLIN, 0};
    int polled = sent ? poll(&ready, 1, m_settings.timeout_ms) : -1;
    if (sent && polled > 0) {
        if (auto codes = read_reply(m_socket)) {
            for (auto& code : *codes) {
                code.scan.source = source;
                code.scan.time_ms = time_ms;
            }
            reading.codes = std::move(*codes);
            return reading;
        }
    }
    bool hung = sent && polled == 0;
    std::string how = bury(hung);
    ++m_lost;
    reading.kept_frame = keep(*gray, time_ms);
    reading.failure = decode_error(
        hung ? ErrorCode::Timeout : ErrorCode::Internal,
        fmt::format("{}: frame of {}x{} not decoded: the decode worker {}{}; reported as "
                    "undecodable, a new worker reads the next frame",
                    source, gray->cols, gray->rows, how,
                    reading.kept_frame.empty() ? ""
                                               : fmt::format(" (frame kept at {} for a bug "
                                                             "report)",
                                                             reading.kept_frame)));
    k_log.warn("{}", reading.failure->message);
    return reading;
}

}  // namespace rs::devices
