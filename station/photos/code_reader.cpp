// read_codes: frames in, each distinct code out once.
#include "station/photos/code_reader.h"

#include <fmt/format.h>

#include <set>
#include <string>
#include <utility>

namespace rs::station {

Result<CodeReading> read_codes(devices::Camera& camera, const devices::DecoderOptions& options,
                               const devices::WorkerSettings& worker, int frame_limit,
                               const OnCode& on_code, const OnFrameError& on_frame_error) {
    if (auto opened = camera.open(); !opened) return std::unexpected(opened.error());
    const std::string source = camera.source();
    bool endless = source.rfind("file:", 0) != 0;
    int limit = frame_limit > 0 ? frame_limit : (endless ? 1 : 0);
    devices::IsolatedDecoder decoder(options, worker);
    std::set<std::pair<std::string, std::string>> seen;  // format, text
    CodeReading reading;
    Status outcome;
    while (outcome && (limit == 0 || reading.frames < limit)) {
        auto frame = camera.capture();
        if (!frame) {
            on_frame_error(frame.error());
            if (camera.state() == devices::CameraState::Disconnected) break;
            ++reading.frames;
            continue;
        }
        if (!*frame) break;  // the end of a file or folder
        ++reading.frames;
        auto decoded = decoder.decode((*frame)->image, source, (*frame)->time_ms);
        if (decoded.failure) {
            ++reading.undecodable;
            Error error = std::move(*decoded.failure);
            error.message = fmt::format("frame {}: {}", (*frame)->index, error.message);
            on_frame_error(error);
        }
        for (auto& code : decoded.codes) {
            if (!seen.emplace(code.format, code.scan.text).second) continue;
            outcome = on_code({(*frame)->index, std::move(code)});
            if (!outcome) break;
        }
    }
    camera.close();
    if (!outcome) return std::unexpected(outcome.error());
    reading.codes = seen.size();
    return reading;
}

}  // namespace rs::station
