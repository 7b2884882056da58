// config_secret: one way for [platform] and [bench] to read their tokens.
#include "station/store/config_secret.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace rs::station {

Result<std::string> config_secret(const toml::table& table, const std::string& section,
                                  const char* key, const char* file_key) {
    auto invalid = [](std::string message) {
        return std::unexpected(Error{ErrorCode::Invalid, std::move(message), "config"});
    };
    auto inline_value = config_string(table, section, key, "");
    if (!inline_value) return inline_value;
    auto file_name = config_string(table, section, file_key, "");
    if (!file_name) return file_name;
    if (!inline_value->empty() && !file_name->empty())
        return invalid(fmt::format("[{}] give {} or {}, not both", section, key, file_key));
    if (file_name->empty()) return inline_value;
    std::ifstream file(*file_name, std::ios::binary);
    if (!file)
        return invalid(fmt::format("[{}] {} {} cannot be read", section, file_key, *file_name));
    std::stringstream text;
    text << file.rdbuf();
    std::string secret = text.str();
    auto first = secret.find_first_not_of(" \t\r\n");
    auto last = secret.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? "" : secret.substr(first, last - first + 1);
}

}  // namespace rs::station
