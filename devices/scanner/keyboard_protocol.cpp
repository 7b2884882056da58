// Keyboard-wedge decoding: HID boot keyboard reports and key presses to scans.
#include "devices/scanner/keyboard_protocol.h"

#include <fmt/format.h>

#include <algorithm>

#include "devices/scanner/aim_prefix.h"

namespace rs::devices {
namespace {

constexpr std::size_t k_boot_report_size = 8;
// HID Usage Tables 1.3, 10: usages 0x01..0x03 are error states, not keys; 0x01 in every slot
// means more keys are down than the report can hold (phantom state).
constexpr std::uint8_t k_usage_rollover = 0x01;
constexpr std::uint8_t k_usage_first_key = 0x04;

bool is_modifier_usage(std::uint8_t usage) {
    return usage >= 0xE0 && usage <= 0xE7;
}

// Ctrl+key sends a control byte (Ctrl+] = GS 0x1D, the GS1 separator; Ctrl+M = CR). Scanners
// in "control characters as Ctrl+key" mode press the key that types the character on a US
// keyboard whatever the layout, so the US table decides.
std::optional<char> control_byte(std::uint8_t usage, bool shift) {
    const KeyChars& chars = us_layout().key(usage);
    std::string_view typed = shift ? chars.shifted : chars.plain;
    if (typed.size() != 1) return std::nullopt;
    char c = typed[0];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '2') c = '@';  // Ctrl+2 is NUL on terminals
    if (c == '6') c = '^';  // Ctrl+6 is RS
    if (c == '-') c = '_';  // Ctrl+- is US
    if (c < '@' || c > '_') return std::nullopt;
    return static_cast<char>(c & 0x1F);
}

}  // namespace

std::vector<std::uint8_t> default_terminators() {
    std::vector<std::uint8_t> terminators;
    terminators.push_back(k_usage_enter);
    terminators.push_back(k_usage_keypad_enter);
    return terminators;
}

KeyboardDecoder::KeyboardDecoder(KeyboardOptions options) : m_options(std::move(options)) {
    if (!m_options.layout) m_options.layout = &us_layout();
}

void KeyboardDecoder::reset() {
    m_text.clear();
    m_discarding = false;
    m_max_gap_ms = 0;
}

Error KeyboardDecoder::drop(std::string message) {
    m_text.clear();
    m_max_gap_ms = 0;
    m_discarding = true;
    return Error{ErrorCode::Protocol, std::move(message) + "; the code was dropped: scan it again",
                 "scanner"};
}

std::vector<Result<Scan>> KeyboardDecoder::feed_report(std::span<const std::uint8_t> report,
                                                       std::int64_t time_ms) {
    std::vector<Result<Scan>> out;
    if (report.size() != k_boot_report_size) {
        out.push_back(std::unexpected(
            drop(fmt::format("keyboard report of {} bytes, expected {} (boot protocol)",
                             report.size(), k_boot_report_size))));
        return out;
    }
    std::uint8_t modifiers = report[0];
    std::vector<std::uint8_t> keys;
    for (std::size_t i = 2; i < k_boot_report_size; ++i) {
        std::uint8_t usage = report[i];
        if (usage == 0) continue;
        if (usage < k_usage_first_key) {
            out.push_back(std::unexpected(drop(fmt::format(
                "keyboard reported error state 0x{:02x} (too many keys or a fault)", usage))));
            m_held.clear();
            return out;
        }
        keys.push_back(usage);
    }
    std::vector<std::uint8_t> pressed;
    for (auto usage : keys)
        if (std::find(m_held.begin(), m_held.end(), usage) == m_held.end())
            pressed.push_back(usage);
    m_held = keys;
    // The HID report array has no order: two keys new in one report could have been typed
    // either way round, so guessing would risk a wrong code.
    if (pressed.size() > 1) {
        out.push_back(std::unexpected(drop(
            fmt::format("{} keys pressed in one report; their order is unknown", pressed.size()))));
        return out;
    }
    if (pressed.size() == 1)
        if (auto result = press(pressed[0], modifiers, time_ms)) out.push_back(std::move(*result));
    return out;
}

std::optional<Result<Scan>> KeyboardDecoder::press(std::uint8_t usage, std::uint8_t modifiers,
                                                   std::int64_t time_ms) {
    if (is_modifier_usage(usage)) return std::nullopt;
    if (usage == k_usage_rollover || usage < k_usage_first_key)
        return std::unexpected(drop(fmt::format("keyboard error state 0x{:02x}", usage)));

    bool ctrl = modifiers & (k_mod_left_ctrl | k_mod_right_ctrl);
    bool shift = modifiers & (k_mod_left_shift | k_mod_right_shift);
    bool altgr = modifiers & k_mod_right_alt;

    if (!ctrl && std::find(m_options.terminators.begin(), m_options.terminators.end(), usage) !=
                     m_options.terminators.end())
        return finish(time_ms);
    if (m_discarding) return std::nullopt;  // resynchronising: wait for the terminator

    if (!m_text.empty()) m_max_gap_ms = std::max(m_max_gap_ms, time_ms - m_last_key_ms);
    m_last_key_ms = time_ms;

    if (modifiers & (k_mod_left_alt | k_mod_left_gui | k_mod_right_gui))
        return std::unexpected(drop(fmt::format(
            "key 0x{:02x} with Alt or GUI held (modifiers 0x{:02x}); set the scanner to send "
            "plain keys",
            usage, modifiers)));
    if (ctrl) {
        auto byte = control_byte(usage, shift);
        if (!byte)
            return std::unexpected(
                drop(fmt::format("Ctrl with key 0x{:02x} is no control character", usage)));
        m_text.push_back(*byte);
    } else if (usage == k_usage_enter || usage == k_usage_keypad_enter) {
        m_text.push_back('\r');  // a line end inside a code (when Enter is no terminator)
    } else if (usage == k_usage_tab) {
        m_text.push_back('\t');
    } else {
        const KeyChars& chars = m_options.layout->key(usage);
        std::string_view typed = altgr ? chars.altgr : shift ? chars.shifted : chars.plain;
        if (typed.empty())
            return std::unexpected(drop(fmt::format(
                "key 0x{:02x} (modifiers 0x{:02x}) types nothing on the {} layout; check the "
                "scanner's keyboard country setting",
                usage, modifiers, m_options.layout->name())));
        m_text.append(typed);
    }
    if (m_text.size() > m_options.max_length)
        return std::unexpected(
            drop(fmt::format("more than {} bytes without a terminator", m_options.max_length)));
    return std::nullopt;
}

std::optional<Result<Scan>> KeyboardDecoder::finish(std::int64_t time_ms) {
    if (m_discarding) {
        reset();
        return std::nullopt;  // the error was reported when the code broke
    }
    if (m_text.empty()) return std::nullopt;  // a bare Enter: nothing scanned
    Scan scan;
    scan.text = std::move(m_text);
    scan.time_ms = time_ms;
    std::int64_t gap = m_max_gap_ms;
    reset();
    if (scan.text.size() < m_options.min_length ||
        (m_options.max_key_gap_ms > 0 && gap > m_options.max_key_gap_ms))
        return std::unexpected(
            Error{ErrorCode::Invalid,
                  fmt::format("{} bytes with gaps up to {} ms look like typing, not a scan",
                              scan.text.size(), gap),
                  "scanner"});
    if (m_options.aim_prefix) split_aim_prefix(scan.text, scan.symbology);
    return scan;
}

std::optional<Error> KeyboardDecoder::expire(std::int64_t now_ms, std::int64_t timeout_ms) {
    if (!in_code() || now_ms - m_last_key_ms < timeout_ms) return std::nullopt;
    bool had_text = !m_text.empty();
    reset();
    if (!had_text) return std::nullopt;
    return Error{ErrorCode::Timeout,
                 fmt::format("no terminator within {} ms; the partial code was dropped: check the "
                             "scanner's suffix setting",
                             timeout_ms),
                 "scanner"};
}

}  // namespace rs::devices
