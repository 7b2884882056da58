// EventHub: a bounded list of numbered events and a condition variable for their readers.
#include "station/web/event_hub.h"

namespace rs::station {

std::string WebEvent::wire() const {
    return nlohmann::json{{"seq", seq}, {"type", type}, {"time_ms", time_ms}, {"data", data}}
        .dump();
}

std::int64_t EventHub::publish(std::string type, Audience audience, nlohmann::json data,
                               std::int64_t time_ms, std::string bench) {
    std::int64_t seq;
    {
        std::lock_guard lock(m_mutex);
        seq = ++m_last;
        m_events.push_back(
            {seq, std::move(type), audience, std::move(data), time_ms, std::move(bench)});
        while (m_events.size() > m_keep)
            m_events.pop_front();
    }
    m_published.notify_all();
    return seq;
}

EventHub::Since EventHub::since(std::int64_t seq) const {
    Since result;
    std::lock_guard lock(m_mutex);
    if (seq > m_last || seq < 0) {
        result.complete = false;
        return result;
    }
    if (!m_events.empty() && seq < m_events.front().seq - 1) result.complete = false;
    for (const auto& event : m_events)
        if (event.seq > seq) result.events.push_back(event);
    return result;
}

bool EventHub::wait_after(std::int64_t seq, std::chrono::milliseconds limit) const {
    std::unique_lock lock(m_mutex);
    return m_published.wait_for(lock, limit, [&] { return m_last > seq; });
}

std::int64_t EventHub::last_seq() const {
    std::lock_guard lock(m_mutex);
    return m_last;
}

void EventHub::wake_all() {
    m_published.notify_all();
}

}  // namespace rs::station
