// Shared libraries loaded on first use (dlopen), for dependencies only a few commands need.
//
// Every library a program is linked with is loaded and bound before main, by every command: the
// station's heavy and rarely used ones (OpenCV's video and image codecs, libcups with GnuTLS,
// Kerberos and Avahi) made up most of its start-up time, which is seconds under emulation. Those
// are opened here when first used instead, and stay loaded.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"

namespace rs {

class LoadedLibrary {
public:
    // The first of `candidates` (paths, or sonames the dynamic loader looks up) that loads.
    // The error names what the library is for (`purpose`) and why each candidate failed.
    static Result<LoadedLibrary> open(const std::vector<std::string>& candidates,
                                      const std::string& purpose, const std::string& where);

    // The address of an exported symbol; an error names the library and the symbol.
    Result<void*> symbol(const char* name) const;
    // A function of the library, as the type of its declaration: function<decltype(&f)>("f").
    template <typename Function>
    Result<Function> function(const char* name) const {
        auto address = symbol(name);
        if (!address) return std::unexpected(address.error());
        return reinterpret_cast<Function>(*address);
    }
    // Sets `slot` to the function `name`; keeps the first failure in `missing`, so that a list
    // of functions is taken in a row and checked once.
    template <typename Function>
    void take(Function& slot, const char* name, Status& missing) const {
        auto found = function<Function>(name);
        if (found)
            slot = *found;
        else if (missing)
            missing = std::unexpected(found.error());
    }
    const std::string& path() const { return m_path; }

private:
    LoadedLibrary(void* handle, std::string path, std::string where)
        : m_handle(handle), m_path(std::move(path)), m_where(std::move(where)) {}

    void* m_handle;  // never closed: what it made (objects, vtables) may outlive any owner
    std::string m_path;
    std::string m_where;
};

}  // namespace rs
