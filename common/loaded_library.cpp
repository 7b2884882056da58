// LoadedLibrary: dlopen with an error a person can act on.
#include "common/loaded_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

namespace rs {

Result<LoadedLibrary> LoadedLibrary::open(const std::vector<std::string>& candidates,
                                          const std::string& purpose, const std::string& where) {
    std::string tried;
    for (const std::string& candidate : candidates) {
        // RTLD_NOW: a missing symbol fails here, not in the middle of a print job or a frame.
        void* handle = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        if (handle) return LoadedLibrary(handle, candidate, where);
        const char* why = ::dlerror();
        tried += fmt::format("\n  {}", why ? why : candidate + ": cannot be loaded");
    }
    return fail(ErrorCode::Unsupported, fmt::format("{} is not available:{}", purpose, tried),
                where);
}

Result<void*> LoadedLibrary::symbol(const char* name) const {
    ::dlerror();
    void* address = ::dlsym(m_handle, name);
    if (!address)
        return fail(ErrorCode::Unsupported,
                    fmt::format("{} has no {} (another version?)", m_path, name), m_where);
    return address;
}

}  // namespace rs
