// SHA-256 of bytes as lowercase hex: content addresses of photos (stored and synced by hash).
#pragma once

#include <string>
#include <string_view>

namespace rs {

// 64 lowercase hex digits (FIPS 180-4, computed by OpenSSL's libcrypto).
std::string sha256_hex(std::string_view bytes);

// True for exactly 64 lowercase hex digits: the only text that may name a stored photo file.
bool is_sha256_hex(std::string_view text);

}  // namespace rs
