// Scanner state names, for logs and `station run` output.
#include "devices/scanner/scanner.h"

namespace rs::devices {

const char* scanner_state_name(ScannerState state) {
    switch (state) {
        case ScannerState::Closed:
            return "closed";
        case ScannerState::Connected:
            return "connected";
        case ScannerState::Disconnected:
            return "disconnected";
        case ScannerState::Finished:
            return "finished";
    }
    return "unknown";
}

}  // namespace rs::devices
