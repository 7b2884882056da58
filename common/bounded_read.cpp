// Bounded reads: chunk by chunk, stopping one byte past the limit.
#include "common/bounded_read.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace rs {

Result<std::string> read_stream_bounded(std::istream& in, std::size_t max_bytes,
                                        const std::string& what) {
    std::string text;
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is larger than {} MB: not a file the station reads (a "
                                    "device or the wrong file?)",
                                    what, max_bytes >> 20),
                        "input");
    }
    if (in.bad()) return fail(ErrorCode::Io, fmt::format("cannot read {}", what), "input");
    return text;
}

Result<std::string> read_file_bounded(const std::string& path, std::size_t max_bytes,
                                      const std::string& what) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return fail(ErrorCode::NotFound,
                    fmt::format("cannot read {} {}: {}", what, path, std::strerror(errno)),
                    "input");
    return read_stream_bounded(file, max_bytes, fmt::format("{} {}", what, path));
}

}  // namespace rs
