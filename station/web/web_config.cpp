// [web]: reading it, and refusing plain HTTP beyond this machine.
#include "station/web/web_config.h"

#include <fmt/format.h>

namespace rs::station {

bool is_loopback_address(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

Result<WebConfig> parse_web_config(const StationConfig& config) {
    WebConfig web;
    const toml::table* table = config.document["web"].as_table();
    if (!table) return web;
    if (auto checked =
            check_known_keys(*table, "web",
                             {"enabled", "bind", "port", "certificate", "key", "idle_minutes",
                              "lockout_minutes", "max_body_kib", "max_threads"});
        !checked)
        return std::unexpected(checked.error());
    auto enabled = config_bool(*table, "web", "enabled", true);
    auto bind = config_string(*table, "web", "bind", web.bind);
    auto port = config_integer(*table, "web", "port", web.port);
    auto certificate = config_string(*table, "web", "certificate", "");
    auto key = config_string(*table, "web", "key", "");
    auto idle = config_integer(*table, "web", "idle_minutes", 15);
    auto lockout = config_integer(*table, "web", "lockout_minutes", 5);
    auto body = config_integer(*table, "web", "max_body_kib", 64);
    auto threads = config_integer(*table, "web", "max_threads", web.max_threads);
    for (const Error* error :
         {enabled ? nullptr : &enabled.error(), bind ? nullptr : &bind.error(),
          port ? nullptr : &port.error(), certificate ? nullptr : &certificate.error(),
          key ? nullptr : &key.error(), idle ? nullptr : &idle.error(),
          lockout ? nullptr : &lockout.error(), body ? nullptr : &body.error(),
          threads ? nullptr : &threads.error()})
        if (error) return std::unexpected(*error);
    auto invalid = [](std::string message) {
        return std::unexpected(Error{ErrorCode::Invalid, std::move(message), "config"});
    };
    if (*port < 0 || *port > 65535) return invalid("[web] port must be 0 to 65535");
    if (*idle < 1) return invalid("[web] idle_minutes must be at least 1");
    if (*lockout < 1) return invalid("[web] lockout_minutes must be at least 1");
    if (*body < 1 || *body > 64 * 1024) return invalid("[web] max_body_kib must be 1 to 65536");
    if (*threads < 4 || *threads > 1024) return invalid("[web] max_threads must be 4 to 1024");
    if (certificate->empty() != key->empty())
        return invalid("[web] HTTPS needs both certificate and key");
    if (!is_loopback_address(*bind) && certificate->empty())
        return invalid(fmt::format(
            "[web] bind = \"{}\" reaches beyond this machine: give certificate and key so the "
            "badge PINs travel over HTTPS, or bind to 127.0.0.1",
            *bind));
    web.enabled = *enabled;
    web.bind = *bind;
    web.port = static_cast<int>(*port);
    web.certificate = *certificate;
    web.key = *key;
    web.idle_ms = *idle * 60 * 1000;
    web.lockout_ms = *lockout * 60 * 1000;
    web.max_body_bytes = static_cast<std::size_t>(*body) * 1024;
    web.max_threads = static_cast<int>(*threads);
    return web;
}

}  // namespace rs::station
