// Operators: badge-validated insert and lookups.
#include "station/people/operators.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/store/transaction.h"
#include "labels/codes/code_grammar.h"
#include "station/store/journal.h"

namespace rs::station {

Status add_operator(StationStore& store, const Operator& person) {
    auto readings = labels::classify(person.id);
    const auto& best = readings.front();
    if (best.kind != labels::CodeKind::OperatorBadge || !best.valid)
        return fail(ErrorCode::Invalid,
                    fmt::format("{} is not a valid operator badge code ({}); badge codes look like "
                                "{}",
                                person.id, best.why,
                                labels::make_own_id(labels::CodeKind::OperatorBadge, "0001")),
                    "operators");
    if (person.name.empty())
        return fail(ErrorCode::Invalid, "the operator needs a name", "operators");
    auto insert = store.db().cached(
        "INSERT INTO operators (id, name, role, created_ms) VALUES (?1, ?2, ?3, ?4)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(person.id, person.name, person.role, store.now_ms());
    if (auto inserted = (*insert)->run(); !inserted) {
        if (inserted.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict, fmt::format("operator {} already exists", person.id),
                        "operators");
        return inserted;
    }
    return {};
}

Status add_person(StationStore& store, const Operator& person, const std::string& added_by) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    if (auto added = add_operator(store, person); !added) return added;
    Journal journal(store.db(), store.clock(), store.ids());
    if (auto audited = journal.audit(
            {added_by,
             std::nullopt,
             "people.added",
             std::nullopt,
             std::nullopt,
             {{"badge", person.id}, {"name", person.name}, {"role", name_of(person.role)}}});
        !audited)
        return audited;
    return transaction->commit();
}

namespace {
Operator read_operator(store::RowReader row) {
    Operator person;
    row.read(person.id, person.name, person.role);
    return person;
}
}  // namespace

Result<std::optional<Operator>> find_operator(StationStore& store, const std::string& id) {
    auto query = store.db().cached("SELECT id, name, role FROM operators WHERE id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Operator>{};
    return std::optional<Operator>{read_operator(**query)};
}

Result<Operator> require_operator(StationStore& store, const std::string& badge,
                                  std::span<const Role> allowed, const char* where) {
    if (badge.empty())
        return fail(ErrorCode::Invalid,
                    "who is acting? give --operator BADGE (or set STATION_OPERATOR)", where);
    bool station_allowed = std::find(allowed.begin(), allowed.end(), Role::System) != allowed.end();
    Operator person{badge, "the station", Role::System};
    if (badge != k_station_operator || !station_allowed) {
        auto found = find_operator(store, badge);
        if (!found) return std::unexpected(found.error());
        if (!*found)
            return fail(ErrorCode::NotFound,
                        fmt::format("unknown operator {}; see `station operators list`, or add "
                                    "them with `station operators add`",
                                    badge),
                        where);
        person = std::move(**found);
    }
    if (!allowed.empty() &&
        std::find(allowed.begin(), allowed.end(), person.role) == allowed.end()) {
        std::string roles;
        for (Role role : allowed)
            roles += (roles.empty() ? "" : " or ") + std::string(name_of(role));
        return fail(ErrorCode::Conflict,
                    fmt::format("{} ({}) has the role {}; this needs {}", person.name, badge,
                                name_of(person.role), roles),
                    where);
    }
    return person;
}

Result<std::vector<Operator>> list_operators(StationStore& store) {
    auto query = store.db().prepare("SELECT id, name, role FROM operators ORDER BY id");
    if (!query) return std::unexpected(query.error());
    std::vector<Operator> people;
    auto read =
        query->each_row([&](store::RowReader row) { people.push_back(read_operator(row)); });
    if (!read) return std::unexpected(read.error());
    return people;
}

}  // namespace rs::station
