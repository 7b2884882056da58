// Photo upload: PUT /v1/photos/{sha256}, content-addressed, so sending twice is harmless.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "station/sync/platform_client.h"

namespace rs::station {

struct PhotoUpload {
    std::string sha256;    // lower-case hex: how events refer to the photo
    bool created = false;  // false: the platform had it already
};

// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// Uploads a JPEG or PNG; any answer but 200/201 is an error saying what the platform said.
Result<PhotoUpload> upload_photo(PlatformClient& client, std::string_view bytes,
                                 const std::string& content_type);

}  // namespace rs::station
