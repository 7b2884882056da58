// ZPL host replies as pure functions: ~HS (three status strings), ~HQES (error and warning
// bits) and ~HI (model, firmware, resolution), per Zebra's ZPL II Programming Guide.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "devices/printer/printer_status.h"

namespace rs::devices {

// Queries as sent to the printer.
inline constexpr std::string_view k_query_host_status = "~HS";
inline constexpr std::string_view k_query_errors = "~HQES";
inline constexpr std::string_view k_query_identification = "~HI";
// Cancels all formats in the printer's buffer, including a partial one (~JA).
inline constexpr std::string_view k_cancel_all = "~JA";

// True when `reply` holds a complete answer to the query (so a reader can stop waiting).
bool host_status_complete(std::string_view reply);
bool hqes_complete(std::string_view reply);
bool identification_complete(std::string_view reply);

// ~HS: <STX>aaa,b,c,dddd,eee,f,g,h,iii,j,k,l<ETX><CR><LF> <STX>mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www
// <ETX><CR><LF> <STX>xxxx,y<ETX><CR><LF>. Protocol error for anything else.
Result<PrinterStatus> parse_host_status(std::string_view reply);

// ~HQES: "ERRORS: f gggggggg hhhhhhhh" and "WARNINGS: ..." lines; only the error group
// matters for printing. Fills the flags it carries into `status` (answered = true).
Status parse_hqes(std::string_view reply, PrinterStatus& status);

struct PrinterIdentity {
    std::string model;     // "ZD420-203dpi"
    std::string firmware;  // "V84.20.18Z"
    int dots_per_mm = 0;   // 6, 8, 12 or 24
    int dpi() const;       // 152, 203, 300, 600 (0 when unknown)
    std::string memory;
};
// ~HI: <STX>model,firmware,dots-per-mm,memory,options<ETX>
Result<PrinterIdentity> parse_identification(std::string_view reply);

// The replies a printer in `status` gives, for the emulator and tests.
std::string format_host_status(const PrinterStatus& status);
std::string format_hqes(const PrinterStatus& status);
std::string format_identification(const PrinterIdentity& identity);

}  // namespace rs::devices
