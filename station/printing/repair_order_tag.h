// The repair-order tag: the small label stuck on each device at intake, as a print job.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "station/printing/print_queue.h"
#include "station/printing/printer_config.h"

namespace rs::station {

struct TaggedOrder {
    std::string id;
    std::string number;  // RO-000123 plus check character: the tag's barcodes
    std::int64_t created_ms = 0;
    std::string model;  // the RMA's product model
};

// The ro-tag template filled for `order`, ready for enqueue_print_job (a field that cannot fit
// is an error naming it, never a cut label).
Result<NewPrintJob> repair_order_tag_job(const TaggedOrder& order,
                                         const IntakeTagPrinting& printing,
                                         const std::string& operator_id);

}  // namespace rs::station
