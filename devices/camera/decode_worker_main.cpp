// station-decode-worker: reads frames from stdin and writes the codes found to stdout, one frame
// at a time (devices/camera/decode_protocol.h). The station runs zxing-cpp here, in a process
// of its own, because zxing-cpp 1.4 ends the whole process on a failed assertion for some
// images: then only this worker dies, and the station starts a new one (isolated_decoder.h).
#include <opencv2/core/utility.hpp>

#include <cstdio>

#include "common/logger.h"
#include "devices/camera/decode_protocol.h"
#include "devices/camera/frame_decoder.h"

int main(int argc, char**) {
    if (argc > 1) {
        std::fprintf(stderr,
                     "usage: station-decode-worker\n"
                     "  started by the station with a socket on stdin and stdout: reads gray\n"
                     "  frames and decoder options, answers with the codes found in each\n");
        return 2;
    }
    rs::set_log_level(rs::LogLevel::Error);
    cv::setNumThreads(1);  // one frame at a time; the station decides how many workers run
    while (auto request = rs::devices::read_request(0)) {
        rs::devices::FrameDecoder decoder(request->options);
        auto codes = decoder.decode(request->gray, "", 0);
        if (!rs::devices::write_reply(1, codes)) return 1;
    }
    return 0;  // the station closed its end (or sent something this worker does not speak)
}
