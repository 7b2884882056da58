// Error: names of error codes and the one-line description shown to people.
#include "common/error.h"

namespace rs {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::Invalid:
            return "Invalid";
        case ErrorCode::NotFound:
            return "NotFound";
        case ErrorCode::Conflict:
            return "Conflict";
        case ErrorCode::Busy:
            return "Busy";
        case ErrorCode::Timeout:
            return "Timeout";
        case ErrorCode::Io:
            return "Io";
        case ErrorCode::Protocol:
            return "Protocol";
        case ErrorCode::Unsupported:
            return "Unsupported";
        case ErrorCode::Internal:
            return "Internal";
    }
    return "Internal";
}

std::string Error::describe() const {
    std::string text;
    if (!where.empty()) text += where + ": ";
    text += error_code_name(code);
    text += ": ";
    text += message;
    return text;
}

}  // namespace rs
