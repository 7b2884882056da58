// DeviceUri: generic URI syntax (RFC 3986) split once, then one table row per scheme reads and
// prints its own parts.
#include "devices/transport/device_uri.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

namespace rs::devices {
namespace {

// A URI cut into its generic parts, still percent-encoded.
struct UriParts {
    std::string_view text;  // the whole URI, for messages
    bool has_authority = false;
    std::string_view authority;
    std::string_view path;
    std::string_view query;
};

std::unexpected<Error> invalid(std::string_view text, std::string message) {
    return fail(ErrorCode::Invalid, fmt::format("{}: {}", text, message), "device uri");
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

Result<std::string> percent_decode(const UriParts& uri, std::string_view text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            decoded += text[i];
            continue;
        }
        int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (high < 0 || low < 0)
            return invalid(uri.text, "'%' must be followed by two hex digits (%20 is a space)");
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return decoded;
}

using Query = std::vector<std::pair<std::string, std::string>>;

Result<Query> parse_query(const UriParts& uri) {
    Query query;
    std::string_view rest = uri.query;
    while (!rest.empty()) {
        std::size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (pair.empty()) continue;
        std::size_t equals = pair.find('=');
        auto key = percent_decode(uri, pair.substr(0, equals));
        auto value = percent_decode(
            uri, equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1));
        if (!key) return std::unexpected(key.error());
        if (!value) return std::unexpected(value.error());
        query.emplace_back(std::move(*key), std::move(*value));
    }
    return query;
}

// Schemes whose address is the authority alone: nothing after it but an optional '/'.
Status authority_only(const UriParts& uri, std::string_view scheme, std::string_view what) {
    if (!uri.has_authority || uri.authority.empty())
        return invalid(uri.text, fmt::format("write {}://{}", scheme, what));
    if (!uri.path.empty() && uri.path != "/")
        return invalid(uri.text,
                       fmt::format("nothing may follow the {} (found \"{}\")", what, uri.path));
    return {};
}

Status no_query(const UriParts& uri, std::string_view scheme) {
    if (uri.query.empty()) return {};
    return invalid(uri.text, fmt::format("{} takes no ?parameters", scheme));
}

Status read_tcp(const UriParts& uri, DeviceUri& result) {
    if (auto checked = authority_only(uri, "tcp", "host:port"); !checked) return checked;
    if (auto checked = no_query(uri, "tcp"); !checked) return checked;
    std::string_view host = uri.authority;
    std::string_view port;
    if (host.starts_with('[')) {  // an IPv6 address: tcp://[fe80::1]:9100
        std::size_t close = host.find(']');
        if (close == std::string_view::npos)
            return invalid(uri.text, "an IPv6 address needs its closing ']'");
        std::string_view after = host.substr(close + 1);
        host = host.substr(1, close - 1);
        if (!after.empty() && !after.starts_with(':'))
            return invalid(uri.text, "write tcp://[address]:port");
        if (!after.empty()) port = after.substr(1);
    } else if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
        if (host.find(':', colon + 1) != std::string_view::npos)
            return invalid(uri.text, "an IPv6 address goes in brackets: tcp://[fe80::1]:9100");
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (host.empty()) return invalid(uri.text, "the host is missing: write tcp://host:9100");
    auto decoded = percent_decode(uri, host);
    if (!decoded) return std::unexpected(decoded.error());
    result.host = std::move(*decoded);
    result.port = 9100;
    if (uri.authority.ends_with(':') || !port.empty()) {
        int value = 0;
        auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || error != std::errc() || end != port.data() + port.size() || value < 1 ||
            value > 65535)
            return invalid(uri.text,
                           fmt::format("the port \"{}\" is not a number from 1 to 65535", port));
        result.port = value;
    }
    return {};
}

std::string print_tcp(const DeviceUri& uri) {
    bool ipv6 = uri.host.find(':') != std::string::npos;
    return fmt::format("tcp://{}{}{}:{}", ipv6 ? "[" : "",
                       ipv6 ? uri.host : percent_encode(uri.host), ipv6 ? "]" : "", uri.port);
}

Status read_usb(const UriParts& uri, DeviceUri& result) {
    if (auto checked = authority_only(uri, "usb", "VID:PID"); !checked) return checked;
    auto ids = parse_usb_id(uri.authority);
    if (!ids) return invalid(uri.text, ids.error().message);
    result.usb = *ids;
    auto query = parse_query(uri);
    if (!query) return std::unexpected(query.error());
    for (auto& [key, value] : *query) {
        if (key == "serial")
            result.usb.serial = std::move(value);
        else if (key == "port")
            result.usb.port_path = std::move(value);
        else
            return invalid(uri.text,
                           fmt::format("usb takes ?serial=...&port=..., not \"{}\"", key));
    }
    return {};
}

std::string print_usb(const DeviceUri& uri) {
    std::vector<std::string> query;
    if (!uri.usb.serial.empty()) query.push_back("serial=" + percent_encode(uri.usb.serial));
    if (!uri.usb.port_path.empty()) query.push_back("port=" + percent_encode(uri.usb.port_path));
    return fmt::format("usb://{:04x}:{:04x}{}{}", uri.usb.vendor_id, uri.usb.product_id,
                       query.empty() ? "" : "?", fmt::join(query, "&"));
}

Status read_cups(const UriParts& uri, DeviceUri& result) {
    if (auto checked = authority_only(uri, "cups", "queue"); !checked) return checked;
    if (auto checked = no_query(uri, "cups"); !checked) return checked;
    auto queue = percent_decode(uri, uri.authority);
    if (!queue) return std::unexpected(queue.error());
    result.host = std::move(*queue);
    return {};
}

std::string print_cups(const DeviceUri& uri) {
    return "cups://" + percent_encode(uri.host);
}

Status read_file(const UriParts& uri, DeviceUri& result) {
    if (auto checked = no_query(uri, "file"); !checked) return checked;
    // Local files only: file:///abs/path (empty authority), or file:relative/path.
    if (uri.has_authority && !uri.authority.empty())
        return invalid(uri.text, "a file URI names a local path: write file:///folder");
    if (uri.path.empty()) return invalid(uri.text, "the path is missing: write file:///folder");
    auto path = percent_decode(uri, uri.path);
    if (!path) return std::unexpected(path.error());
    result.path = std::move(*path);
    return {};
}

std::string print_file(const DeviceUri& uri) {
    return (uri.path.starts_with('/') ? "file://" : "file:") + percent_encode(uri.path, true);
}

// One row per scheme: a driver on a new kind of connection adds its row here.
struct Scheme {
    std::string_view name;
    std::string_view example;
    Status (*read)(const UriParts&, DeviceUri&);
    std::string (*print)(const DeviceUri&);
};

constexpr Scheme k_schemes[] = {
    {"tcp", "tcp://host:9100", read_tcp, print_tcp},
    {"usb", "usb://VID:PID?serial=...&port=...", read_usb, print_usb},
    {"cups", "cups://queue", read_cups, print_cups},
    {"file", "file:///folder", read_file, print_file},
};

const Scheme* find_scheme(std::string_view name) {
    for (const auto& scheme : k_schemes)
        if (scheme.name == name) return &scheme;
    return nullptr;
}

bool valid_scheme_name(std::string_view name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
}

}  // namespace

std::string DeviceUri::to_string() const {
    const Scheme* known = find_scheme(scheme);
    return known ? known->print(*this) : scheme + ":";
}

Result<DeviceUri> parse_device_uri(std::string_view text) {
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || !valid_scheme_name(text.substr(0, colon)))
        return invalid(text, fmt::format("not a device URI: write scheme://address ({})",
                                         fmt::join(device_uri_examples(), ", ")));
    DeviceUri result;
    result.scheme = text.substr(0, colon);
    std::transform(result.scheme.begin(), result.scheme.end(), result.scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const Scheme* scheme = find_scheme(result.scheme);
    if (!scheme)
        return invalid(text, fmt::format("unknown device scheme \"{}\": use {}", result.scheme,
                                         fmt::join(device_uri_examples(), ", ")));
    UriParts parts{text};
    std::string_view rest = text.substr(colon + 1);
    std::size_t question = rest.find('?');
    if (question != std::string_view::npos) {
        parts.query = rest.substr(question + 1);
        rest = rest.substr(0, question);
    }
    if (rest.starts_with("//")) {
        rest.remove_prefix(2);
        std::size_t slash = rest.find('/');
        parts.has_authority = true;
        parts.authority = rest.substr(0, slash);
        parts.path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    } else {
        parts.path = rest;
    }
    if (auto read = scheme->read(parts, result); !read) return std::unexpected(read.error());
    return result;
}

std::vector<std::string_view> device_uri_examples() {
    std::vector<std::string_view> examples;
    for (const auto& scheme : k_schemes)
        examples.push_back(scheme.example);
    return examples;
}

Result<UsbMatch> parse_usb_id(std::string_view text) {
    auto hex16 = [](std::string_view part, std::uint16_t& value) {
        if (part.empty() || part.size() > 4) return false;
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value, 16);
        return error == std::errc() && end == part.data() + part.size();
    };
    std::size_t colon = text.find(':');
    UsbMatch match;
    if (colon == std::string_view::npos || !hex16(text.substr(0, colon), match.vendor_id) ||
        !hex16(text.substr(colon + 1), match.product_id))
        return fail(ErrorCode::Invalid,
                    fmt::format("\"{}\" is not VID:PID: vendor and product ids in hex, e.g. "
                                "\"0a5f:0120\"",
                                text),
                    "device uri");
    return match;
}

std::string percent_encode(std::string_view text, bool keep_slash) {
    std::string encoded;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' ||
            (keep_slash && c == '/'))
            encoded += c;
        else
            encoded += fmt::format("%{:02X}", byte);
    }
    return encoded;
}

}  // namespace rs::devices
