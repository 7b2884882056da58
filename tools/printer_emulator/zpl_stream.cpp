// ZplStream: a small state machine over '~' and '^' commands; field data is not interpreted.
#include "tools/printer_emulator/zpl_stream.h"

#include <cstdlib>

namespace rs::tools {
namespace {

struct Tilde {
    std::string_view name;
    ZplEvent::Kind kind;
};
// Longest first: ~HQES must not be read as an unknown ~HQ.
constexpr Tilde k_tildes[] = {
    {"~HQES", ZplEvent::HostQueryErrors},
    {"~HS", ZplEvent::HostStatus},
    {"~HI", ZplEvent::HostIdentification},
    {"~JA", ZplEvent::CancelAll},
};

}  // namespace

std::vector<ZplEvent> ZplStream::feed(std::string_view bytes) {
    std::vector<ZplEvent> events;
    m_pending.append(bytes);
    std::size_t i = 0;
    while (i < m_pending.size()) {
        char c = m_pending[i];
        if (c == '~') {
            std::string_view rest = std::string_view(m_pending).substr(i);
            bool matched = false, undecided = false;
            for (const auto& tilde : k_tildes) {
                if (rest.starts_with(tilde.name)) {
                    events.push_back({tilde.kind, std::string(tilde.name)});
                    i += tilde.name.size();
                    matched = true;
                    break;
                }
                if (tilde.name.starts_with(rest)) undecided = true;
            }
            if (matched) continue;
            if (undecided) break;  // wait for more bytes
            // Another tilde command: its two letters, reported and otherwise ignored.
            if (rest.size() < 3) break;
            events.push_back({ZplEvent::Unknown, std::string(rest.substr(0, 3))});
            i += 3;
            continue;
        }
        if (c == '^') {
            if (i + 3 > m_pending.size()) break;
            std::string_view command = std::string_view(m_pending).substr(i, 3);
            if (command == "^XA") {
                m_in_format = true;
                m_format = "^XA";
                i += 3;
                continue;
            }
            if (command == "^XZ" && m_in_format) {
                m_format += "^XZ";
                events.push_back({ZplEvent::Format, std::move(m_format)});
                m_format.clear();
                m_in_format = false;
                i += 3;
                continue;
            }
        }
        if (m_in_format) m_format.push_back(c);
        ++i;
    }
    m_pending.erase(0, i);
    return events;
}

void ZplStream::cancel_partial() {
    m_in_format = false;
    m_format.clear();
    m_pending.clear();
}

int format_copies(std::string_view format) {
    std::size_t at = format.rfind("^PQ");
    if (at == std::string_view::npos) return 1;
    int copies = std::atoi(std::string(format.substr(at + 3, 8)).c_str());
    return copies > 0 ? copies : 1;
}

}  // namespace rs::tools
