// The customer's rating: checked member by member, stored in three columns of rmas.
#include "station/rma/satisfaction.h"

#include <fmt/format.h>

namespace rs::station {
namespace {

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, "satisfaction: " + std::move(message), "rma"};
}

}  // namespace

Result<std::optional<Satisfaction>> parse_satisfaction(const nlohmann::json& rma) {
    auto found = rma.find("satisfaction");
    if (found == rma.end() || found->is_null()) return std::optional<Satisfaction>{};
    if (!found->is_object())
        return std::unexpected(invalid("must be an object {rating, comment, rated_ms}"));
    Satisfaction satisfaction;
    auto rating = found->find("rating");
    // Checked as the 64-bit integer it is (4294967300 is not 4), and a float or "5" is not one.
    if (rating == found->end() || !rating->is_number_integer() || rating->get<std::int64_t>() < 1 ||
        rating->get<std::int64_t>() > 5)
        return std::unexpected(
            invalid(fmt::format("\"rating\" is {}; it must be a whole number 1..5",
                                rating == found->end() ? std::string("missing") : rating->dump())));
    satisfaction.rating = static_cast<int>(rating->get<std::int64_t>());
    if (auto comment = found->find("comment"); comment != found->end() && !comment->is_null()) {
        if (!comment->is_string()) return std::unexpected(invalid("\"comment\" must be a string"));
        satisfaction.comment = comment->get<std::string>();
    }
    auto rated = found->find("rated_ms");
    if (rated == found->end() || !rated->is_number_integer() || rated->get<std::int64_t>() <= 0)
        return std::unexpected(
            invalid("\"rated_ms\" must be the time of the rating in UTC milliseconds"));
    satisfaction.rated_ms = rated->get<std::int64_t>();
    return satisfaction;
}

Result<std::optional<Satisfaction>> stored_satisfaction(StationStore& store,
                                                        const std::string& rma_id) {
    auto query = store.db().cached(
        "SELECT satisfaction_rating, satisfaction_comment, satisfaction_rated_ms FROM rmas "
        "WHERE id = ?1 AND satisfaction_rating IS NOT NULL");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, rma_id);
    std::optional<Satisfaction> found;
    auto read = (*query)->each_row([&](store::RowReader row) {
        Satisfaction satisfaction;
        row.read(satisfaction.rating, satisfaction.comment, satisfaction.rated_ms);
        found = satisfaction;
    });
    if (!read) return std::unexpected(read.error());
    return found;
}

Result<bool> store_satisfaction(StationStore& store, const std::string& rma_id,
                                const std::optional<Satisfaction>& satisfaction) {
    auto stored = stored_satisfaction(store, rma_id);
    if (!stored) return std::unexpected(stored.error());
    if (*stored == satisfaction) return false;
    auto update = store.db().cached(
        "UPDATE rmas SET satisfaction_rating = ?2, satisfaction_comment = ?3, "
        "satisfaction_rated_ms = ?4 WHERE id = ?1");
    if (!update) return std::unexpected(update.error());
    if (satisfaction)
        (*update)->bind_all(rma_id, satisfaction->rating, satisfaction->comment,
                            satisfaction->rated_ms);
    else
        (*update)->bind_all(rma_id, std::optional<std::int64_t>{}, std::string{},
                            std::optional<std::int64_t>{});
    if (auto done = (*update)->run(); !done) return std::unexpected(done.error());
    return true;
}

store::Migration satisfaction_migration() {
    return {"station", 14, "the customer's satisfaction rating of a closed RMA", R"sql(
-- Set by the platform sync once the customer rated the closed case (station/rma/satisfaction.h);
-- NULL while not rated. The report `satisfaction` dates a rating by satisfaction_rated_ms.
ALTER TABLE rmas ADD COLUMN satisfaction_rating INTEGER
    CHECK (satisfaction_rating IS NULL OR satisfaction_rating BETWEEN 1 AND 5);
ALTER TABLE rmas ADD COLUMN satisfaction_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN satisfaction_rated_ms INTEGER;
)sql"};
}

}  // namespace rs::station
