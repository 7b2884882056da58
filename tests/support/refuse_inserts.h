// refuse_inserts: makes inserts into a table fail, as a full disk or a dying process would, for
// the tests of all-or-nothing writes. A trigger, in the dialect of the store's engine.
#pragma once

#include <string>

#include "common/store/backend.h"
#include "common/store/database.h"

namespace rs::test {

// Every insert into `table` for which `condition` (SQL over NEW, "TRUE" for all) holds fails
// with `message`.
inline Status refuse_inserts(store::Database& db, const std::string& table,
                             const std::string& condition, const std::string& message) {
    std::string name = "refuse_" + table;
    if (db.engine() == store::Engine::Sqlite)
        return db.exec("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " WHEN " +
                       condition + " BEGIN SELECT RAISE(ABORT, '" + message + "'); END");
    return db.exec("CREATE FUNCTION " + name +
                   "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + condition +
                   " THEN RAISE EXCEPTION '" + message + "'; END IF; RETURN NEW; END $$; " +
                   "CREATE TRIGGER " + name + " BEFORE INSERT ON " + table +
                   " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
}

}  // namespace rs::test
