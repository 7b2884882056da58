// Error: the one error type of the station, returned through std::expected.
#pragma once

#include <expected>
#include <string>
#include <utility>

#include "common/enum_names.h"

namespace rs {

// What kind of failure, so callers can decide (retry on Busy/Timeout, show Invalid to a
// person, ...) without parsing messages.
enum class ErrorCode {
    Invalid,      // bad input from a person, a file or a device
    NotFound,     // a thing asked for does not exist
    Conflict,     // the request contradicts the current state (e.g. a refused transition)
    Busy,         // a resource is locked by someone else; retrying later may work
    Timeout,      // no answer in time
    Io,           // the operating system or a file failed
    Protocol,     // a peer sent something we cannot understand
    Unsupported,  // a store or file from a newer version, or a feature we do not have
    Internal,     // a bug: something that should not happen
};

constexpr auto enum_names(ErrorCode) {
    using enum ErrorCode;
    return std::to_array<EnumName<ErrorCode>>({
        {Invalid, "Invalid"},
        {NotFound, "NotFound"},
        {Conflict, "Conflict"},
        {Busy, "Busy"},
        {Timeout, "Timeout"},
        {Io, "Io"},
        {Protocol, "Protocol"},
        {Unsupported, "Unsupported"},
        {Internal, "Internal"},
    });
}

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;  // what happened and, where possible, what a person can do
    std::string where;    // the component that noticed it ("store", "intake", ...)

    // "store: Io: cannot open /x.db: permission denied"
    std::string describe() const;
};

template <class T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string where) {
    return std::unexpected(Error{code, std::move(message), std::move(where)});
}

}  // namespace rs
