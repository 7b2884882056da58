// DeviceUri: where a device is, written the way PAPPL names device schemes (tcp://host:9100,
// usb://0a5f:0120?serial=XYZ&port=1-2, cups://queue, file:///path/to/spool).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "devices/transport/usb_interrupt_reader.h"

namespace rs::devices {

// One parsed address. Which fields mean something depends on the scheme; parse_device_uri has
// checked them, so drivers take them as they are.
struct DeviceUri {
    std::string scheme;  // tcp | usb | cups | file
    std::string host;    // tcp: a name or an address; cups: the queue
    int port = 0;        // tcp: 9100 (raw printing) unless the URI names another
    UsbMatch usb;        // usb: vendor:product, and serial / port from the query
    std::string path;    // file: a file or folder; absolute as file:///..., relative as file:...

    // The canonical text: parse_device_uri(uri.to_string()) gives the same address back.
    std::string to_string() const;
};

// Errors name the part to fix: an unknown scheme (listing the known ones), a port that is not
// 1-65535, vendor:product ids that are not hexadecimal, a query key the scheme does not take.
Result<DeviceUri> parse_device_uri(std::string_view text);

// What each scheme looks like, for messages: "tcp://host:9100", "usb://VID:PID?serial=...", ...
std::vector<std::string_view> device_uri_examples();

// "0c2e:0b61" (one to four hex digits each) into a match on any serial and port.
Result<UsbMatch> parse_usb_id(std::string_view text);

// RFC 3986 percent-encoding of everything but unreserved characters (and '/' when
// `keep_slash`), so a queue or folder name with spaces or '?' survives the round trip.
std::string percent_encode(std::string_view text, bool keep_slash = false);

}  // namespace rs::devices
