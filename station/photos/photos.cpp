// Photos: rows, references, annotations, and their audit entries and outbox events.
#include "station/photos/photos.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "common/sha256.h"
#include "common/store/transaction.h"
#include "common/uuid.h"
#include "station/orders/repair_orders.h"
#include "station/people/operators.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_select =
    "SELECT p.id, p.sha256, p.repair_order_id, o.number, p.stage, p.camera, p.operator_id, "
    "p.taken_ms, p.width, p.height, p.bytes, p.sharpness, p.brightness, p.clipped_shadows, "
    "p.clipped_highlights, p.glare, p.findings, p.codes, p.created_ms "
    "FROM photos p JOIN repair_orders o ON o.id = p.repair_order_id ";

// Codes are text a camera read: bytes that are not UTF-8 are kept visible as \xNN, since
// JSON (audit, outbox) cannot carry them.
std::string json_safe(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = c < 0x80         ? 1
                             : (c >> 5) == 6  ? 2
                             : (c >> 4) == 14 ? 3
                             : (c >> 3) == 30 ? 4
                                              : 0;
        bool valid = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 2;
        if (valid) {
            out.append(text, i, length);
            i += length;
        } else {
            out += fmt::format("\\x{:02x}", c);
            ++i;
        }
    }
    return out;
}

nlohmann::json codes_json(const std::vector<PhotoCode>& codes) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& code : codes)
        out.push_back({{"text", code.text},
                       {"symbology", code.symbology},
                       {"format", code.format},
                       {"corners", code.corners}});
    return out;
}

std::vector<PhotoCode> codes_from(const std::string& text) {
    std::vector<PhotoCode> codes;
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_array()) return codes;
    for (const auto& item : json) {
        PhotoCode code;
        code.text = item.value("text", "");
        code.symbology = item.value("symbology", "");
        code.format = item.value("format", "");
        if (item.contains("corners") && item["corners"].is_array() && item["corners"].size() == 4)
            code.corners = item["corners"].get<std::array<std::array<int, 2>, 4>>();
        codes.push_back(std::move(code));
    }
    return codes;
}

nlohmann::json findings_json(const devices::QualityReport& quality) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& finding : quality.findings)
        out.push_back(
            {{"issue", devices::quality_issue_name(finding.issue)}, {"advice", finding.advice}});
    return out;
}

std::vector<devices::QualityFinding> findings_from(const std::string& text) {
    std::vector<devices::QualityFinding> findings;
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_array()) return findings;
    for (const auto& item : json) {
        std::string issue = item.value("issue", "");
        for (auto kind : {devices::QualityIssue::Blurred, devices::QualityIssue::TooDark,
                          devices::QualityIssue::WashedOut, devices::QualityIssue::Glare})
            if (issue == devices::quality_issue_name(kind))
                findings.push_back({kind, item.value("advice", "")});
    }
    return findings;
}

Photo read_photo(store::RowReader row) {
    Photo photo;
    auto& q = photo.quality;
    std::string findings, codes;
    row.read(photo.id, photo.sha256, photo.order_id, photo.order_number, photo.stage, photo.camera,
             photo.operator_id, photo.taken_ms, photo.width, photo.height, photo.bytes, q.sharpness,
             q.brightness, q.clipped_shadows, q.clipped_highlights, q.glare, findings, codes,
             photo.created_ms);
    q.findings = findings_from(findings);
    photo.codes = codes_from(codes);
    return photo;
}

Result<std::optional<Photo>> photo_where(StationStore& store, const std::string& condition,
                                         const std::string& value) {
    auto query = store.db().prepare(std::string(k_select) + "WHERE " + condition + " LIMIT 2");
    if (!query) return std::unexpected(query.error());
    query->bind(1, value);
    std::vector<Photo> found;
    auto read = query->each_row([&](store::RowReader row) { found.push_back(read_photo(row)); });
    if (!read) return std::unexpected(read.error());
    if (found.size() > 1)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} starts more than one photo's SHA-256: give more digits", value),
                    "photos");
    if (found.empty()) return std::optional<Photo>{};
    return std::optional<Photo>{std::move(found.front())};
}

Result<std::vector<PhotoAnnotation>> annotations_of(StationStore& store, const std::string& id) {
    auto query = store.db().prepare(
        "SELECT id, x, y, width, height, label, operator_id, created_ms FROM photo_annotations "
        "WHERE photo_id = ?1 ORDER BY id");
    if (!query) return std::unexpected(query.error());
    query->bind(1, id);
    std::vector<PhotoAnnotation> out;
    auto read = query->each_row([&](store::RowReader row) {
        PhotoAnnotation annotation;
        row.read(annotation.id, annotation.x, annotation.y, annotation.width, annotation.height,
                 annotation.label, annotation.operator_id, annotation.created_ms);
        out.push_back(std::move(annotation));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

// The audit entry and the outbox event of a photo change, then the commit: one transaction.
// The event's payload is the audit detail plus `extra`, and names the order and the person.
Status journal_and_commit(StationStore& store, store::Transaction& transaction,
                          const std::string& operator_id, const std::string& order_id,
                          const std::string& order_number, const std::string& action,
                          const std::string& event, const nlohmann::json& detail,
                          const nlohmann::json& extra = nlohmann::json::object()) {
    Journal journal(store.db(), store.clock(), store.ids());
    if (auto audited = journal.audit(
            AuditEntry{operator_id, order_id, action, std::nullopt, std::nullopt, detail});
        !audited)
        return audited;
    // Like every event of the sync API, a photo event names the platform's RMA of its order.
    auto rma = store.db().query_one<std::string>("SELECT rma_id FROM repair_orders WHERE id = ?1",
                                                 order_id);
    if (!rma) return std::unexpected(rma.error());
    if (!*rma)
        return fail(ErrorCode::NotFound, fmt::format("repair order {} is gone", order_number),
                    "photos");
    nlohmann::json payload = detail;
    payload.update(extra);
    payload["repair_order"] = order_number;
    payload["rma_id"] = **rma;
    payload["operator"] = operator_id;
    if (auto published = journal.publish(OutboxEvent{event, order_id, payload}); !published)
        return std::unexpected(published.error());
    return transaction.commit();
}

std::string trimmed(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Result<RepairOrder> photographed_order(StationStore& store, const std::string& number) {
    auto order = find_order_by_number(store, number);
    if (!order) return std::unexpected(order.error());
    if (!*order)
        return fail(
            ErrorCode::NotFound,
            fmt::format("no repair order {} in this store; see `station orders list`", number),
            "photos");
    return std::move(**order);
}

Result<AddedPhoto> add_photo(StationStore& store, const PhotoFiles& files, const NewPhoto& photo) {
    auto order = photographed_order(store, photo.order_number);
    if (!order) return std::unexpected(order.error());
    std::string operator_id = photo.operator_id.empty() ? order->owner_id : photo.operator_id;
    if (auto known = require_operator(store, operator_id, k_people_roles, "photos"); !known)
        return std::unexpected(known.error());

    // The file first: a row must never name a file that is not there. A file without a row
    // (a crash in between) is only a picture nobody refers to, and storing it again finds it.
    auto stored = files.store(photo.image);
    if (!stored) return std::unexpected(stored.error());

    std::vector<PhotoCode> codes;
    for (const auto& code : photo.codes) {
        PhotoCode entry{json_safe(code.scan.text), code.scan.symbology, code.format, {}};
        for (std::size_t i = 0; i < 4; ++i)
            entry.corners[i] = {code.corners[i].x, code.corners[i].y};
        codes.push_back(std::move(entry));
    }

    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto existing = photo_where(store, "p.sha256 = ?1", stored->sha256);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        if ((*existing)->order_id != order->id)
            return fail(ErrorCode::Conflict,
                        fmt::format("this picture is already filed under {} as photo {}; take a "
                                    "new one for {}",
                                    (*existing)->order_number, (*existing)->id, photo.order_number),
                        "photos");
        return AddedPhoto{std::move(**existing), true};
    }

    Photo row;
    row.id = store.ids().next();
    row.sha256 = stored->sha256;
    row.order_id = order->id;
    row.order_number = order->number;
    row.stage = photo.stage;
    row.camera = photo.camera;
    row.operator_id = operator_id;
    row.taken_ms = photo.taken_ms;
    row.width = stored->width;
    row.height = stored->height;
    row.bytes = stored->bytes;
    row.quality = photo.quality;
    row.codes = codes;
    row.created_ms = store.now_ms();
    auto insert = store.db().prepare(
        "INSERT INTO photos (id, sha256, repair_order_id, stage, camera, operator_id, taken_ms, "
        "width, height, bytes, sharpness, brightness, clipped_shadows, clipped_highlights, glare, "
        "verdict, findings, codes, created_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19)");
    if (!insert) return std::unexpected(insert.error());
    const auto& q = row.quality;
    insert->bind_all(row.id, row.sha256, row.order_id, row.stage, row.camera, row.operator_id,
                     row.taken_ms, row.width, row.height, row.bytes, q.sharpness, q.brightness,
                     q.clipped_shadows, q.clipped_highlights, q.glare, q.verdict(),
                     findings_json(q).dump(), codes_json(codes).dump(), row.created_ms);
    if (auto inserted = insert->run(); !inserted) return std::unexpected(inserted.error());

    nlohmann::json summary = {{"photo_id", row.id},          {"sha256", row.sha256},
                              {"stage", name_of(row.stage)}, {"camera", row.camera},
                              {"verdict", q.verdict()},      {"codes", codes_json(codes)}};
    if (auto done =
            journal_and_commit(store, *transaction, operator_id, row.order_id, row.order_number,
                               "photo.added", "repair_order.photo_added", summary,
                               {{"taken", format_utc_ms(row.taken_ms)},
                                {"bytes", row.bytes},
                                {"width", row.width},
                                {"height", row.height}});
        !done)
        return std::unexpected(done.error());
    return AddedPhoto{std::move(row), false};
}

Result<std::vector<Photo>> list_photos(StationStore& store, const PhotoFilter& filter) {
    std::string sql = std::string(k_select) +
                      "WHERE (?1 = '' OR o.number = ?1) AND (?2 = '' OR p.stage = ?2) "
                      "ORDER BY p.taken_ms DESC, p.id DESC LIMIT ?3";
    auto query = store.db().prepare(sql);
    if (!query) return std::unexpected(query.error());
    query->bind_all(filter.order_number, filter.stage ? name_of(*filter.stage) : "", filter.limit);
    std::vector<Photo> photos;
    auto read = query->each_row([&](store::RowReader row) { photos.push_back(read_photo(row)); });
    if (!read) return std::unexpected(read.error());
    return photos;
}

Result<std::optional<Photo>> find_photo(StationStore& store, const std::string& reference) {
    std::string wanted = reference;
    std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    Result<std::optional<Photo>> found = std::optional<Photo>{};
    bool hex = wanted.size() >= 8 && wanted.size() <= 64 &&
               std::all_of(wanted.begin(), wanted.end(),
                           [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    if (is_uuid_v7(wanted))
        found = photo_where(store, "p.id = ?1", wanted);
    else if (hex)
        // Only hex digits reach LIKE: no wildcard can come from outside.
        found = photo_where(store, "p.sha256 LIKE ?1 || '%'", wanted);
    else
        return fail(ErrorCode::Invalid,
                    fmt::format("\"{}\" is not a photo: give its id (from `station photos list`) "
                                "or at least 8 hex digits of its SHA-256",
                                reference),
                    "photos");
    if (!found || !*found) return found;
    auto annotations = annotations_of(store, (**found).id);
    if (!annotations) return std::unexpected(annotations.error());
    (**found).annotations = std::move(*annotations);
    return found;
}

Result<PhotoAnnotation> annotate_photo(StationStore& store, const AnnotationRequest& request) {
    std::string label = trimmed(request.label);
    if (label.empty() || label.size() > 200)
        return fail(ErrorCode::Invalid,
                    "the label says what the rectangle shows, in 1 to 200 characters (\"cracked "
                    "screen\")",
                    "photos");
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    if (auto known = require_operator(store, request.operator_id, k_people_roles, "photos"); !known)
        return std::unexpected(known.error());
    auto photo = find_photo(store, request.photo);
    if (!photo) return std::unexpected(photo.error());
    if (!*photo)
        return fail(ErrorCode::NotFound,
                    fmt::format("no photo {}; see `station photos list`", request.photo), "photos");
    const Photo& p = **photo;
    if (request.x < 0 || request.y < 0 || request.width <= 0 || request.height <= 0 ||
        request.x + request.width > p.width || request.y + request.height > p.height)
        return fail(
            ErrorCode::Invalid,
            fmt::format("the rectangle {},{} {}x{} is not inside the {}x{} photo: x and y "
                        "from the top-left corner, width and height above 0",
                        request.x, request.y, request.width, request.height, p.width, p.height),
            "photos");
    PhotoAnnotation annotation{
        0,     request.x,           request.y,     request.width, request.height,
        label, request.operator_id, store.now_ms()};
    auto id = store.db().query_one<std::int64_t>(
        "INSERT INTO photo_annotations (photo_id, x, y, width, height, label, operator_id, "
        "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        p.id, annotation.x, annotation.y, annotation.width, annotation.height, annotation.label,
        annotation.operator_id, annotation.created_ms);
    if (!id) return std::unexpected(id.error());
    annotation.id = **id;

    Journal journal(store.db(), store.clock(), store.ids());
    nlohmann::json detail = {
        {"photo_id", p.id},
        {"sha256", p.sha256},
        {"annotation", annotation.id},
        {"rect", {annotation.x, annotation.y, annotation.width, annotation.height}},
        {"label", json_safe(label)}};
    if (auto done =
            journal_and_commit(store, *transaction, request.operator_id, p.order_id, p.order_number,
                               "photo.annotated", "repair_order.photo_annotated", detail);
        !done)
        return std::unexpected(done.error());
    return annotation;
}

}  // namespace rs::station
