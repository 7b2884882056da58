// Error: the one-line description shown to people.
#include "common/error.h"

namespace rs {

std::string Error::describe() const {
    std::string text;
    if (!where.empty()) text += where + ": ";
    text += name_of(code);
    text += ": ";
    text += message;
    return text;
}

}  // namespace rs
