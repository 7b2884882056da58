// Proof of who acts at the command line: where the secret comes from (a station token, a PIN
// file, the terminal without echo) and which one wins. The check itself is station/people's.
#include <fmt/format.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "station/cli/cli_context.h"
#include "station/people/proof.h"
#include "station/people/tokens.h"
#include "station/web/web_config.h"

namespace rs::cli {
namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// The first line of a secret file, which must be the user's alone (like an ssh key): a PIN or
// token that others can read proves nothing.
Result<std::string> read_secret_file(const std::string& path, const char* variable) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return fail(ErrorCode::NotFound,
                    fmt::format("{} names {}, which does not exist", variable, path), "cli");
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return fail(ErrorCode::Invalid,
                    fmt::format("{} ({}) can be read by other users, so it proves nothing: "
                                "`chmod 600 {}`",
                                variable, path, path),
                    "cli");
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty())
        return fail(ErrorCode::Invalid, fmt::format("{} ({}) is empty", variable, path), "cli");
    return line;
}

// Asks for the PIN on the controlling terminal with echo off; nullopt when there is none (a
// script, a service): then the PIN must come from a file or the command uses a token.
std::optional<std::string> ask_pin_on_terminal(const std::string& badge) {
    FILE* terminal = std::fopen("/dev/tty", "r+");
    if (!terminal) return std::nullopt;
    int fd = ::fileno(terminal);
    termios saved{};
    bool echo_off = ::tcgetattr(fd, &saved) == 0;
    if (echo_off) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    fmt::print(terminal, "PIN for {}: ", badge);
    std::fflush(terminal);
    char buffer[64] = {};
    bool read = std::fgets(buffer, sizeof buffer, terminal) != nullptr;
    if (echo_off) ::tcsetattr(fd, TCSAFLUSH, &saved);
    fmt::print(terminal, "\n");
    std::fclose(terminal);
    if (!read) return std::nullopt;
    std::string pin(buffer);
    while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r'))
        pin.pop_back();
    return pin;
}

Result<std::string> token_secret() {
    if (std::string path = environment("STATION_TOKEN_FILE"); !path.empty())
        return read_secret_file(path, "STATION_TOKEN_FILE");
    return environment("STATION_TOKEN");
}

}  // namespace

bool has_station_token() {
    return !environment("STATION_TOKEN_FILE").empty() || !environment("STATION_TOKEN").empty();
}

std::optional<station::Operator> CliContext::acting_person(station::StationStore& store,
                                                           const std::string& given) {
    auto refuse = [this](const Error& error) {
        report(error);
        return std::optional<station::Operator>{};
    };
    auto token = token_secret();
    if (!token) return refuse(token.error());
    if (!token->empty()) {
        auto holder = station::operator_for_token(store, *token);
        if (!holder) return refuse(holder.error());
        if (!given.empty() && given != holder->id)
            return refuse({ErrorCode::Invalid,
                           fmt::format("a station token acts as itself ({}), not as {}: drop "
                                       "--operator, or unset STATION_TOKEN(_FILE) to act as a "
                                       "person",
                                       holder->id, given),
                           "cli"});
        return *holder;
    }
    std::string badge = operator_or_environment(given);
    if (badge.empty())
        return refuse({ErrorCode::Invalid,
                       "who is acting? give --operator BADGE (or set STATION_OPERATOR) and the "
                       "PIN when asked, or use a station token (STATION_TOKEN_FILE)",
                       "cli"});
    std::optional<std::string> pin;
    if (std::string path = environment("STATION_PIN_FILE"); !path.empty()) {
        auto from_file = read_secret_file(path, "STATION_PIN_FILE");
        if (!from_file) return refuse(from_file.error());
        pin = *from_file;
    } else {
        pin = ask_pin_on_terminal(badge);
    }
    if (!pin)
        return refuse({ErrorCode::Invalid,
                       fmt::format("{} must prove who acts, and there is no terminal to ask the "
                                   "PIN on: set STATION_PIN_FILE to a file only you can read, or "
                                   "use a station token (STATION_TOKEN_FILE)",
                                   badge),
                       "cli"});
    std::int64_t lock_ms = station::WebConfig{}.lockout_ms;
    if (const station::StationConfig* loaded = config())
        if (auto web = station::parse_web_config(*loaded)) lock_ms = web->lockout_ms;
    auto person = station::prove_with_pin(store, badge, *pin, lock_ms);
    if (!person) return refuse(person.error());
    return *person;
}

}  // namespace rs::cli
