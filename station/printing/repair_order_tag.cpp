// The repair-order tag: order number, model and intake date into the ro-tag template.
#include "station/printing/repair_order_tag.h"

#include "common/clock.h"
#include "labels/print/zpl_writer.h"

namespace rs::station {

Result<NewPrintJob> repair_order_tag_job(const TaggedOrder& order,
                                         const IntakeTagPrinting& printing,
                                         const std::string& operator_id) {
    nlohmann::json data = {{"ro_number", order.number},
                           {"intake_date", format_utc_date(order.created_ms)}};
    if (!order.model.empty()) data["model"] = order.model;
    auto label = labels::build_label("ro-tag", data, printing.context);
    if (!label) return std::unexpected(label.error());
    NewPrintJob job;
    job.printer = printing.printer;
    job.template_name = "ro-tag";
    job.data = std::move(data);
    job.zpl = labels::to_zpl(*label);
    job.operator_id = operator_id;
    job.repair_order_id = order.id;
    return job;
}

}  // namespace rs::station
