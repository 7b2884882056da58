// The UI's static files (station/web/ui), built into the program so that it needs no files at
// run time and a path can only name a file that is there.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace rs::station {

struct WebAsset {
    std::string_view content_type;
    std::string_view bytes;
};

// "/index.html", "/app.js", ... (generated from station/web/ui by embed_assets.cmake).
const std::map<std::string, WebAsset, std::less<>>& web_assets();

}  // namespace rs::station
