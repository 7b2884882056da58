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
    auto take = [&]<typename Function>(Function& slot, const char* name) {
        auto function = library->function<Function>(name);
        if (function)
            slot = *function;
        else if (missing)
            missing = std::unexpected(function.error());
    };
    take(cups.create_job, "cupsCreateJob");
    take(cups.start_document, "cupsStartDocument");
    take(cups.write_request_data, "cupsWriteRequestData");
    take(cups.finish_document, "cupsFinishDocument");
    take(cups.last_error_string, "cupsLastErrorString");
    take(cups.get_named_dest, "cupsGetNamedDest");
    take(cups.get_option, "cupsGetOption");
    take(cups.free_dests, "cupsFreeDests");
    take(cups.cancel_job, "cupsCancelJob");
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
