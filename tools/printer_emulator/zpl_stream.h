// ZplStream: splits the byte stream a host sends a Zebra printer into what the printer acts on:
// tilde commands (acted on at once, even mid-format) and complete ^XA...^XZ formats.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rs::tools {

struct ZplEvent {
    enum Kind { Format, HostStatus, HostQueryErrors, HostIdentification, CancelAll, Unknown } kind;
    std::string text;  // the format (^XA...^XZ), or the unknown command
};

class ZplStream {
public:
    // Appends bytes; returns what they completed, in order.
    std::vector<ZplEvent> feed(std::string_view bytes);
    // A format has started (^XA seen) and its ^XZ has not arrived.
    bool partial() const { return m_in_format; }
    // Bytes of the partial format so far.
    std::size_t partial_size() const { return m_format.size(); }
    // ~JA: forget the partial format.
    void cancel_partial();

private:
    std::string m_pending;  // undecided tail (a '~' or '^' and the letters after it)
    std::string m_format;
    bool m_in_format = false;
};

// The ^PQ quantity of a format (1 without ^PQ).
int format_copies(std::string_view format);

}  // namespace rs::tools
