// PrinterStatus: what a label printer reports, and the one station-level reading of it.
#pragma once

#include <optional>
#include <string>

namespace rs::devices {

// Flags from ~HS and ~HQES; a flag not reported by the query used stays false.
struct PrinterStatus {
    bool paper_out = false;
    bool paused = false;
    bool head_open = false;
    bool ribbon_out = false;
    bool buffer_full = false;
    bool partial_format = false;  // a format was started but its ^XZ has not arrived
    bool other_error = false;     // an ~HQES error bit we do not name (cutter, temperature...)
    std::string other_error_text;
    int formats_in_buffer = 0;
    int labels_remaining = 0;  // in the batch being printed (^PQ)
    int label_length_dots = 0;
    bool answered = false;  // false: the printer did not answer (off, unplugged, or faulted)
};

// The station's reading: can a job be sent now, and what a person should do otherwise.
enum class PrinterReadiness { Ready, Faulted, Unreachable };
const char* readiness_name(PrinterReadiness readiness);

struct PrinterCondition {
    PrinterReadiness readiness = PrinterReadiness::Unreachable;
    std::string message;  // plain words, with the action: "out of labels: load a new roll"
};

// The one place flags become a readiness and a message.
PrinterCondition assess(const PrinterStatus& status);

}  // namespace rs::devices
