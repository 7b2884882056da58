// Sessions: who is signed in to the web UI, by an unguessable cookie token, until they sign out
// or stay idle too long. Kept in memory: a restart of the station signs everyone out.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "station/people/operators.h"

namespace rs::station {

struct WebSession {
    std::string token;  // 256 random bits, hex: the cookie
    Operator person;
    bool at_bench = false;  // signed in at the bench PC: its scanner's scans are theirs
    std::int64_t created_ms = 0;
    std::int64_t last_seen_ms = 0;
    // Which bench: empty for this machine's own (`station run`), else a registered bench whose
    // agent delivers its scans (`station bench`).
    std::string bench;
};

class SessionTable {
public:
    explicit SessionTable(std::int64_t idle_ms) : m_idle_ms(idle_ms) {}

    // A new session; at a bench it takes that bench from whoever had it (returned, if anyone).
    WebSession create(const Operator& person, bool at_bench, std::int64_t now_ms,
                      std::optional<WebSession>* displaced = nullptr,
                      const std::string& bench = "");
    // The live session of `token`, marked as used now; nullopt when unknown or idle too long.
    std::optional<WebSession> use(const std::string& token, std::int64_t now_ms);
    // Whether `token` is still signed in, without counting as use (an open WebSocket).
    bool alive(const std::string& token, std::int64_t now_ms) const;
    // Signs out; returns the session that was removed.
    std::optional<WebSession> remove(const std::string& token);
    // Removes idle sessions and returns them (so the bench can be freed).
    std::vector<WebSession> expire(std::int64_t now_ms);
    // Who is signed in at `bench` (empty: this machine's own bench).
    std::optional<WebSession> bench_session(const std::string& bench = "") const;
    std::int64_t idle_ms() const { return m_idle_ms; }

private:
    std::int64_t m_idle_ms;
    mutable std::mutex m_mutex;
    std::map<std::string, WebSession> m_sessions;
};

// 32 random bytes from libcrypto as hex.
std::string random_token();

}  // namespace rs::station
