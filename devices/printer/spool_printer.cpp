// SpoolPrinter: atomic file per job.
#include "devices/printer/spool_printer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace rs::devices {

SendResult SpoolPrinter::send(std::string_view job) {
    SendResult result;
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(m_directory, error);
    auto stamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    std::string base = fmt::format("{}-{}-{}", stamp, ::getpid(), m_counter++);
    fs::path temporary = fs::path(m_directory) / (base + ".tmp");
    fs::path final_path = fs::path(m_directory) / (base + ".zpl");
    {
        std::ofstream out(temporary, std::ios::binary);
        out.write(job.data(), static_cast<std::streamsize>(job.size()));
        out.flush();
        if (!out) {
            result.error = Error{
                ErrorCode::Io,
                fmt::format("cannot write {} (is {} writable?)", temporary.string(), m_directory),
                "printer"};
            return result;
        }
    }
    fs::rename(temporary, final_path, error);
    if (error) {
        result.error =
            Error{ErrorCode::Io, "cannot rename spool file: " + error.message(), "printer"};
        return result;
    }
    result.written = job.size();
    result.complete = true;
    result.confirmed = true;  // the file is there: nothing can print it twice by mistake
    return result;
}

Result<PrinterStatus> SpoolPrinter::query_status() {
    std::error_code error;
    std::filesystem::create_directories(m_directory, error);
    PrinterStatus status;
    status.answered = !error && ::access(m_directory.c_str(), W_OK) == 0;
    if (!status.answered)
        return fail(ErrorCode::Io, fmt::format("spool folder {} is not writable", m_directory),
                    "printer");
    return status;
}

Result<PrinterIdentity> SpoolPrinter::identify() {
    return fail(ErrorCode::Unsupported, "a spool folder has no identity to report", "printer");
}

Status SpoolPrinter::cancel_all() {
    return fail(ErrorCode::Unsupported, "a spool folder cannot cancel what it holds", "printer");
}

}  // namespace rs::devices
