// assess(): printer flags to a station readiness and a message a person can act on.
#include "devices/printer/printer_status.h"

#include <vector>

namespace rs::devices {

const char* readiness_name(PrinterReadiness readiness) {
    switch (readiness) {
        case PrinterReadiness::Ready:
            return "ready";
        case PrinterReadiness::Faulted:
            return "faulted";
        case PrinterReadiness::Unreachable:
            return "unreachable";
    }
    return "?";
}

PrinterCondition assess(const PrinterStatus& status) {
    if (!status.answered)
        return {PrinterReadiness::Unreachable,
                "the printer does not answer: check that it is on and connected (a printer out "
                "of labels or with its head open may also stay silent)"};
    std::vector<std::string> problems;
    if (status.head_open) problems.push_back("the print head is open: close it");
    if (status.paper_out) problems.push_back("out of labels: load a new roll");
    if (status.ribbon_out) problems.push_back("out of ribbon: load a new ribbon");
    if (status.other_error)
        problems.push_back("printer error (" + status.other_error_text +
                           "): see the printer's display");
    if (status.paused) problems.push_back("paused: press the pause button on the printer");
    if (status.buffer_full) problems.push_back("its memory is full: wait for it to print");
    if (problems.empty()) return {PrinterReadiness::Ready, "ready"};
    std::string message;
    for (const auto& problem : problems)
        message += (message.empty() ? "" : "; ") + problem;
    return {PrinterReadiness::Faulted, message};
}

}  // namespace rs::devices
