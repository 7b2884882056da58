// PrintService: the print queue inside `station run`: each configured printer's jobs are sent
// as they are queued, wait while the printer is faulted, and are settled after a crash.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "common/store/database.h"
#include "station/app/service.h"
#include "station/store/config.h"

namespace rs::station {

class PrintService : public Service {
public:
    // From the printers' threads: one line per job change ("desk: job 4 sent: printed").
    using Report = std::function<void(const std::string&)>;

    // Something was queued: look now rather than at the next poll. Cheap; any thread.
    virtual void nudge() = 0;
    // True once every printer has finished a pass that began after the last nudge(): nothing
    // queued can be sent now (it is sent, or waits for its printer or its next try).
    virtual bool idle() const = 0;
};

// Null when the configuration names no printer. Each printer gets a thread with its own
// connection to the store, so sending never holds up intake.
Result<std::unique_ptr<PrintService>> make_print_service(const StationConfig& config,
                                                         const std::string& store_path,
                                                         store::OpenOptions open_options,
                                                         PrintService::Report report);

}  // namespace rs::station
