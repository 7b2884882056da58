// ~HS / ~HQES / ~HI parsing and formatting. Field layouts: Zebra ZPL II Programming Guide, "~HS
// Host Status Return", "~HQ Host Query" (error flags table) and "~HI Host Identification".
#include "devices/printer/zpl_status_protocol.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <vector>

namespace rs::devices {
namespace {

constexpr char k_stx = '\x02';
constexpr char k_etx = '\x03';

std::unexpected<Error> protocol(std::string message) {
    return fail(ErrorCode::Protocol, std::move(message), "printer");
}

// The texts between STX and ETX, in order.
std::vector<std::string_view> framed(std::string_view reply) {
    std::vector<std::string_view> frames;
    std::size_t at = 0;
    while ((at = reply.find(k_stx, at)) != std::string_view::npos) {
        std::size_t end = reply.find(k_etx, at + 1);
        if (end == std::string_view::npos) break;
        frames.push_back(reply.substr(at + 1, end - at - 1));
        at = end + 1;
    }
    return frames;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

// A count or a length: digits only, at most what an int holds (the fields are 3 to 8 digits; a
// sign or a huge value is a garbled reply, never a count to narrow into an int).
std::optional<long> number(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty() ||
        text.front() == '-' || value > std::numeric_limits<int>::max())
        return std::nullopt;
    return value;
}

std::optional<bool> flag(std::string_view text) {
    auto value = number(text);
    if (!value || (*value != 0 && *value != 1)) return std::nullopt;
    return *value == 1;
}

std::optional<std::uint32_t> hex32(std::string_view text) {
    std::uint32_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (error != std::errc() || end != text.data() + text.size() || text.size() != 8)
        return std::nullopt;
    return value;
}

// ~HQES error bits beyond the three the station acts on by name (Zebra's error flags table).
struct ErrorBit {
    std::uint32_t mask;
    const char* name;
};
constexpr ErrorBit k_error_bits[] = {
    {0x00000008, "cutter fault"},
    {0x00000010, "print head over temperature"},
    {0x00000020, "motor over temperature"},
    {0x00000040, "bad print head element"},
    {0x00000080, "print head detection error"},
    {0x00000100, "invalid firmware configuration"},
    {0x00000200, "print head thermistor open"},
    {0x00001000, "paper jam during retract"},
    {0x00002000, "presenter not running"},
    {0x00004000, "paper feed error"},
    {0x00008000, "clear paper path failed"},
    {0x00010000, "black mark not found"},
    {0x00020000, "black mark calibration error"},
};

}  // namespace

bool host_status_complete(std::string_view reply) {
    return framed(reply).size() >= 3;
}

bool hqes_complete(std::string_view reply) {
    // One frame holding both lines; the frame ends with ETX.
    auto frames = framed(reply);
    return !frames.empty() && frames.back().find("WARNINGS") != std::string_view::npos;
}

bool identification_complete(std::string_view reply) {
    return !framed(reply).empty();
}

Result<PrinterStatus> parse_host_status(std::string_view reply) {
    auto frames = framed(reply);
    if (frames.size() < 3)
        return protocol(fmt::format("~HS reply has {} of its 3 status strings", frames.size()));
    auto first = split(frames[0], ',');
    auto second = split(frames[1], ',');
    if (first.size() != 12)
        return protocol(fmt::format("~HS string 1 has {} fields, not 12", first.size()));
    if (second.size() != 11)
        return protocol(fmt::format("~HS string 2 has {} fields, not 11", second.size()));
    PrinterStatus status;
    auto paper = flag(first[1]);
    auto pause = flag(first[2]);
    auto length = number(first[3]);
    auto formats = number(first[4]);
    auto full = flag(first[5]);
    auto partial = flag(first[7]);
    auto head = flag(second[2]);
    auto ribbon = flag(second[3]);
    auto remaining = number(second[8]);
    if (!paper || !pause || !length || !formats || !full || !partial || !head || !ribbon ||
        !remaining)
        return protocol(fmt::format("~HS reply has a field that is not a number: \"{}\" \"{}\"",
                                    frames[0], frames[1]));
    status.paper_out = *paper;
    status.paused = *pause;
    status.label_length_dots = static_cast<int>(*length);
    status.formats_in_buffer = static_cast<int>(*formats);
    status.buffer_full = *full;
    status.partial_format = *partial;
    status.head_open = *head;
    status.ribbon_out = *ribbon;
    status.labels_remaining = static_cast<int>(*remaining);
    status.answered = true;
    return status;
}

Status parse_hqes(std::string_view reply, PrinterStatus& status) {
    std::size_t at = reply.find("ERRORS:");
    if (at == std::string_view::npos) return protocol("~HQES reply has no ERRORS line");
    std::size_t end = reply.find_first_of("\r\n", at);
    auto words =
        split(reply.substr(at + 7, end == std::string_view::npos ? end : end - at - 7), ' ');
    std::vector<std::string_view> fields;
    for (auto word : words)
        if (!word.empty()) fields.push_back(word);
    if (fields.size() != 3) return protocol("~HQES ERRORS line is not \"flag group2 group1\"");
    auto present = flag(fields[0]);
    auto group1 = hex32(fields[2]);
    if (!present || !group1 || !hex32(fields[1]))
        return protocol(fmt::format("~HQES ERRORS line has bad fields: {} {} {}", fields[0],
                                    fields[1], fields[2]));
    status.answered = true;
    if (!*present) return {};
    status.paper_out = status.paper_out || (*group1 & 0x1);
    status.ribbon_out = status.ribbon_out || (*group1 & 0x2);
    status.head_open = status.head_open || (*group1 & 0x4);
    for (const auto& bit : k_error_bits) {
        if (!(*group1 & bit.mask)) continue;
        status.other_error = true;
        status.other_error_text += (status.other_error_text.empty() ? "" : ", ");
        status.other_error_text += bit.name;
    }
    std::uint32_t known = 0x7;
    for (const auto& bit : k_error_bits)
        known |= bit.mask;
    if (*group1 & ~known) {
        status.other_error = true;
        status.other_error_text += fmt::format(
            "{}code {:08X}", status.other_error_text.empty() ? "" : ", ", *group1 & ~known);
    }
    return {};
}

int PrinterIdentity::dpi() const {
    switch (dots_per_mm) {
        case 6:
            return 152;
        case 8:
            return 203;
        case 12:
            return 300;
        case 24:
            return 600;
        default:
            return 0;
    }
}

Result<PrinterIdentity> parse_identification(std::string_view reply) {
    auto frames = framed(reply);
    if (frames.empty()) return protocol("~HI reply has no <STX>...<ETX> frame");
    auto fields = split(frames[0], ',');
    if (fields.size() < 4)
        return protocol(fmt::format("~HI reply \"{}\" has fewer than 4 fields", frames[0]));
    auto dpm = number(fields[2]);
    if (!dpm) return protocol(fmt::format("~HI dots per mm \"{}\" is not a number", fields[2]));
    return PrinterIdentity{std::string(fields[0]), std::string(fields[1]), static_cast<int>(*dpm),
                           std::string(fields[3])};
}

std::string format_host_status(const PrinterStatus& status) {
    // 030: 9600 baud, 8 data bits; 001: function settings of a typical ZD-series printer.
    return fmt::format(
        "\x02"
        "030,{:d},{:d},{:04},{:03},{:d},0,{:d},000,0,0,0\x03\r\n"
        "\x02"
        "001,0,{:d},{:d},0,2,6,0,{:08},1,000\x03\r\n"
        "\x02"
        "1234,0\x03\r\n",
        status.paper_out, status.paused, status.label_length_dots,
        std::min(status.formats_in_buffer, 999), status.buffer_full, status.partial_format,
        status.head_open, status.ribbon_out, status.labels_remaining);
}

std::string format_hqes(const PrinterStatus& status) {
    std::uint32_t errors = (status.paper_out ? 0x1u : 0u) | (status.ribbon_out ? 0x2u : 0u) |
                           (status.head_open ? 0x4u : 0u);
    return fmt::format(
        "\x02\r\nPRINTER STATUS\r\n   ERRORS:         {} 00000000 {:08X}\r\n"
        "   WARNINGS:       0 00000000 00000000\r\n\x03\r\n",
        errors ? 1 : 0, errors);
}

std::string format_identification(const PrinterIdentity& identity) {
    return fmt::format("\x02{},{},{},{},\x03\r\n", identity.model, identity.firmware,
                       identity.dots_per_mm, identity.memory);
}

}  // namespace rs::devices
