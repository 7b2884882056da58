// Reading a whole file or stream with a size limit a real input never reaches.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

#include "common/error.h"

namespace rs {

// Sizes of the things people hand the station, with room to spare; anything larger is a
// mistake (a device node such as /dev/zero, the wrong file) and must not eat the memory.
inline constexpr std::size_t k_longest_document = 64u << 20;  // RMA files, JSON, configuration
inline constexpr std::size_t k_longest_photo = 64u << 20;     // a still of a 100-megapixel sensor

// The whole of `path`, or an error naming `what` and the limit when it holds more than
// `max_bytes` (read in chunks, so a device that never ends is stopped at the limit).
Result<std::string> read_file_bounded(const std::string& path, std::size_t max_bytes,
                                      const std::string& what);
// The same for a stream already open (standard input).
Result<std::string> read_stream_bounded(std::istream& in, std::size_t max_bytes,
                                        const std::string& what);

}  // namespace rs
