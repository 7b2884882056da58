// libpq, loaded the first time a store URL is opened (common/loaded_library.h says why): it
// brings LDAP, GnuTLS, Kerberos and SASL, which a bench on a SQLite file, and every command
// there, never needs.
#pragma once

#include <libpq-fe.h>

#include "common/error.h"

namespace rs::store {

// The functions postgres_backend calls, named and typed as libpq declares them.
struct LibPq {
    decltype(&::PQconnectdb) PQconnectdb;
    decltype(&::PQstatus) PQstatus;
    decltype(&::PQerrorMessage) PQerrorMessage;
    decltype(&::PQfinish) PQfinish;
    decltype(&::PQreset) PQreset;
    decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
    decltype(&::PQescapeStringConn) PQescapeStringConn;
    decltype(&::PQtransactionStatus) PQtransactionStatus;
    decltype(&::PQexec) PQexec;
    decltype(&::PQprepare) PQprepare;
    decltype(&::PQexecPrepared) PQexecPrepared;
    decltype(&::PQresultStatus) PQresultStatus;
    decltype(&::PQresultErrorField) PQresultErrorField;
    decltype(&::PQresultErrorMessage) PQresultErrorMessage;
    decltype(&::PQcmdTuples) PQcmdTuples;
    decltype(&::PQntuples) PQntuples;
    decltype(&::PQgetisnull) PQgetisnull;
    decltype(&::PQgetvalue) PQgetvalue;
    decltype(&::PQgetlength) PQgetlength;
    decltype(&::PQftype) PQftype;
    decltype(&::PQunescapeBytea) PQunescapeBytea;
    decltype(&::PQfreemem) PQfreemem;
    decltype(&::PQclear) PQclear;
};

// Loaded once (thread-safe); the same error on every call when libpq is missing.
Result<const LibPq*> libpq_library();

}  // namespace rs::store
