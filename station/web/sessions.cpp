// Sessions: the table behind the session cookie.
#include "station/web/sessions.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace rs::station {

std::string random_token() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        throw std::runtime_error("libcrypto gave no random bytes for a session");
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string token;
    for (unsigned char byte : bytes) {
        token += k_digits[byte >> 4];
        token += k_digits[byte & 0xf];
    }
    return token;
}

WebSession SessionTable::create(const Operator& person, bool at_bench, std::int64_t now_ms,
                                std::optional<WebSession>* displaced, const std::string& bench) {
    WebSession session{random_token(), person, at_bench, now_ms, now_ms, bench};
    std::lock_guard lock(m_mutex);
    if (at_bench)
        for (auto& [token, other] : m_sessions)
            if (other.at_bench && other.bench == bench) {
                other.at_bench = false;
                if (displaced) *displaced = other;
            }
    m_sessions[session.token] = session;
    return session;
}

std::optional<WebSession> SessionTable::use(const std::string& token, std::int64_t now_ms) {
    std::lock_guard lock(m_mutex);
    auto found = m_sessions.find(token);
    if (found == m_sessions.end()) return std::nullopt;
    if (now_ms - found->second.last_seen_ms > m_idle_ms) return std::nullopt;  // expire() ends it
    found->second.last_seen_ms = now_ms;
    return found->second;
}

bool SessionTable::alive(const std::string& token, std::int64_t now_ms) const {
    std::lock_guard lock(m_mutex);
    auto found = m_sessions.find(token);
    return found != m_sessions.end() && now_ms - found->second.last_seen_ms <= m_idle_ms;
}

std::optional<WebSession> SessionTable::remove(const std::string& token) {
    std::lock_guard lock(m_mutex);
    auto found = m_sessions.find(token);
    if (found == m_sessions.end()) return std::nullopt;
    WebSession session = std::move(found->second);
    m_sessions.erase(found);
    return session;
}

std::vector<WebSession> SessionTable::expire(std::int64_t now_ms) {
    std::vector<WebSession> expired;
    std::lock_guard lock(m_mutex);
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (now_ms - it->second.last_seen_ms > m_idle_ms) {
            expired.push_back(std::move(it->second));
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
    return expired;
}

std::optional<WebSession> SessionTable::bench_session(const std::string& bench) const {
    std::lock_guard lock(m_mutex);
    for (const auto& [token, session] : m_sessions)
        if (session.at_bench && session.bench == bench) return session;
    return std::nullopt;
}

}  // namespace rs::station
