// libcups, loaded the first time a CUPS queue is used (common/loaded_library.h says why): it
// brings GnuTLS, Kerberos, Avahi, D-Bus and systemd's library, 27 shared libraries that a station
// printing over USB or TCP, and every command that prints nothing, never needs.
#pragma once

#include <cups/cups.h>

#include "common/error.h"

namespace rs::devices {

// The functions CupsPrinter calls, with libcups' own signatures.
struct CupsLibrary {
    decltype(&cupsCreateJob) create_job;
    decltype(&cupsStartDocument) start_document;
    decltype(&cupsWriteRequestData) write_request_data;
    decltype(&cupsFinishDocument) finish_document;
    decltype(&cupsLastErrorString) last_error_string;
    decltype(&cupsGetNamedDest) get_named_dest;
    decltype(&cupsGetOption) get_option;
    decltype(&cupsFreeDests) free_dests;
    decltype(&cupsCancelJob) cancel_job;
};

// Loaded once (thread-safe); the same error on every call when libcups is missing.
Result<const CupsLibrary*> cups_library();

}  // namespace rs::devices
