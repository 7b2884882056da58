// Loading libcups on first use (why: cups_library.h).
#include "devices/printer/cups_library.h"

#include <mutex>

#include "common/loaded_library.h"

namespace rs::devices {
namespace {

Result<CupsLibrary> load_cups() {
    // The soname the package libcups2 installs (the one -lcups links against).
    auto library = LoadedLibrary::open({"libcups.so.2"}, "libcups (package libcups2)", "printer");
    if (!library) return std::unexpected(library.error());
    CupsLibrary cups{};
    Status missing;
    library->take(cups.create_job, "cupsCreateJob", missing);
    library->take(cups.start_document, "cupsStartDocument", missing);
    library->take(cups.write_request_data, "cupsWriteRequestData", missing);
    library->take(cups.finish_document, "cupsFinishDocument", missing);
    library->take(cups.last_error_string, "cupsLastErrorString", missing);
    library->take(cups.get_named_dest, "cupsGetNamedDest", missing);
    library->take(cups.get_option, "cupsGetOption", missing);
    library->take(cups.free_dests, "cupsFreeDests", missing);
    library->take(cups.cancel_job, "cupsCancelJob", missing);
    if (!missing) return std::unexpected(missing.error());
    return cups;
}

}  // namespace

Result<const CupsLibrary*> cups_library() {
    static std::once_flag once;
    static CupsLibrary cups{};
    static Status loaded;
    std::call_once(once, [] {
        auto library = load_cups();
        if (library)
            cups = *library;
        else
            loaded = std::unexpected(library.error());
    });
    if (!loaded) return std::unexpected(loaded.error());
    return &cups;
}

}  // namespace rs::devices
