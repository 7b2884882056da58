// FaultInjector: the reference platform's deliberate failures, decided per request.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>

namespace rs::platform {

// Rates are fractions of the requests to /v1/rmas, /v1/events and /v1/photos (health and admin
// are never disturbed). A seed makes a run's sequence of faults repeatable.
struct FaultOptions {
    double error_rate = 0;              // answer 500, 502 or 503 without doing anything
    double throttle_rate = 0;           // answer 429 with Retry-After
    int retry_after_s = 1;              // the Retry-After of throttled answers
    int latency_ms = 0;                 // wait this long before handling each request
    double drop_after_commit_rate = 0;  // do the work, commit, then close without answering
    double malformed_rate = 0;          // do the work, commit, then answer 200 with a broken body
    std::uint64_t seed = 1;

    bool any() const {
        return error_rate > 0 || throttle_rate > 0 || latency_ms > 0 ||
               drop_after_commit_rate > 0 || malformed_rate > 0;
    }
};

enum class Fault { None, Error, Throttle, DropAfterCommit, Malformed };

const char* fault_name(Fault fault);

class FaultInjector {
public:
    explicit FaultInjector(const FaultOptions& options)
        : m_options(options), m_random(options.seed) {}

    // One draw per request; at most one fault each.
    Fault next();
    // The broken body of a malformed answer: the kinds take turns, per route, so that every
    // route sees every kind.
    std::string malformed_body(const std::string& route, const std::string& good_body);
    const FaultOptions& options() const { return m_options; }
    std::map<std::string, std::int64_t> counts();

private:
    FaultOptions m_options;
    std::mutex m_mutex;
    std::mt19937_64 m_random;
    std::map<std::string, std::int64_t> m_counts;
    std::map<std::string, int> m_malformed_turns;
};

}  // namespace rs::platform
