// config_secret: a secret of a configuration section (a bearer token) given inline or in a file.
#pragma once

#include <string>

#include "station/store/config.h"

namespace rs::station {

// The value of `key`, or the trimmed contents of the file `file_key` names; not both (Invalid).
// Empty when neither is given.
Result<std::string> config_secret(const toml::table& table, const std::string& section,
                                  const char* key, const char* file_key);

}  // namespace rs::station
