// FaultInjector: one random draw per request picks at most one fault from the configured rates.
#include "tools/platform/fault_injector.h"

namespace rs::platform {

const char* fault_name(Fault fault) {
    switch (fault) {
        case Fault::None:
            return "none";
        case Fault::Error:
            return "error";
        case Fault::Throttle:
            return "throttle";
        case Fault::DropAfterCommit:
            return "drop_after_commit";
        case Fault::Malformed:
            return "malformed";
    }
    return "?";
}

Fault FaultInjector::next() {
    std::lock_guard lock(m_mutex);
    double draw = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    Fault fault = Fault::None;
    double edge = m_options.error_rate;
    if (draw < edge) {
        fault = Fault::Error;
    } else if (draw < (edge += m_options.throttle_rate)) {
        fault = Fault::Throttle;
    } else if (draw < (edge += m_options.drop_after_commit_rate)) {
        fault = Fault::DropAfterCommit;
    } else if (draw < (edge += m_options.malformed_rate)) {
        fault = Fault::Malformed;
    }
    if (fault != Fault::None) ++m_counts[fault_name(fault)];
    return fault;
}

std::string FaultInjector::malformed_body(const std::string& route, const std::string& good_body) {
    std::lock_guard lock(m_mutex);
    switch (m_malformed_turns[route]++ % 4) {
        case 0:  // cut in the middle, as by a proxy that gave up
            return good_body.substr(0, good_body.size() / 2);
        case 1:  // valid JSON of the wrong shape
            return R"({"results": "ok"})";
        case 2:  // an error page from something in between
            return "<html><body><h1>502 Bad Gateway</h1></body></html>";
        default:  // a status this API does not have
            return R"({"results": [{"id": "00000000-0000-7000-8000-000000000000", "status": "maybe"}]})";
    }
}

std::map<std::string, std::int64_t> FaultInjector::counts() {
    std::lock_guard lock(m_mutex);
    return m_counts;
}

}  // namespace rs::platform
