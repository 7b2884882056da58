// Loading libpq on first use (why: libpq_library.h).
#include "common/store/libpq_library.h"

#include <mutex>

#include "common/loaded_library.h"

namespace rs::store {
namespace {

Result<LibPq> load_libpq() {
    // The soname the package libpq5 installs (the one -lpq links against).
    auto library = LoadedLibrary::open({"libpq.so.5"}, "libpq (package libpq5)", "store");
    if (!library) return std::unexpected(library.error());
    LibPq pq{};
    Status missing;
#define RS_TAKE(name) library->take(pq.name, #name, missing)
    RS_TAKE(PQconnectdb);
    RS_TAKE(PQstatus);
    RS_TAKE(PQerrorMessage);
    RS_TAKE(PQfinish);
    RS_TAKE(PQreset);
    RS_TAKE(PQsetNoticeProcessor);
    RS_TAKE(PQescapeStringConn);
    RS_TAKE(PQtransactionStatus);
    RS_TAKE(PQexec);
    RS_TAKE(PQprepare);
    RS_TAKE(PQexecPrepared);
    RS_TAKE(PQresultStatus);
    RS_TAKE(PQresultErrorField);
    RS_TAKE(PQresultErrorMessage);
    RS_TAKE(PQcmdTuples);
    RS_TAKE(PQntuples);
    RS_TAKE(PQgetisnull);
    RS_TAKE(PQgetvalue);
    RS_TAKE(PQgetlength);
    RS_TAKE(PQftype);
    RS_TAKE(PQunescapeBytea);
    RS_TAKE(PQfreemem);
    RS_TAKE(PQclear);
#undef RS_TAKE
    if (!missing) return std::unexpected(missing.error());
    return pq;
}

}  // namespace

Result<const LibPq*> libpq_library() {
    static std::once_flag once;
    static LibPq pq{};
    static Status loaded;
    std::call_once(once, [] {
        auto library = load_libpq();
        if (library)
            pq = *library;
        else
            loaded = std::unexpected(library.error());
    });
    if (!loaded) return std::unexpected(loaded.error());
    return &pq;
}

}  // namespace rs::store
