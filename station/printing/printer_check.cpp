// check_printer: one status and one identification query through the printer's driver.
#include "station/printing/printer_check.h"

#include "devices/printer/printer_models.h"

namespace rs::station {

Result<PrinterCheck> check_printer(const PrinterConfig& printer) {
    auto driver = make_printer(printer);
    if (!driver) return std::unexpected(driver.error());
    PrinterCheck check;
    auto status = (*driver)->query_status();
    if (status) {
        check.status = *status;
        check.condition = devices::assess(*status);
    } else {
        check.condition = {devices::PrinterReadiness::Unreachable, status.error().message};
    }
    if (auto identity = (*driver)->identify()) {
        check.identity = *identity;
        if (const devices::PrinterModel* model = devices::find_printer_model(identity->model))
            check.known_model = model->model;
    }
    return check;
}

std::string describe_printer(const PrinterConfig& printer) {
    auto driver = make_printer(printer);
    return driver ? (*driver)->describe() : driver.error().message;
}

}  // namespace rs::station
