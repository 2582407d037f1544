// The one place that knows both backends: opens the ledger a `--db` value (or $KEEL_DB) names.
// A PostgreSQL URI (postgresql://… or postgres://…) opens a search in that database; anything
// else is a SQLite file. The front ends call this where they start; nothing else names a backend.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace keel {

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
bool IsPostgresUri(std::string_view db);

/// `db` as keel may print it: a URI's password is replaced by "***".
std::string DescribeDb(std::string_view db);

/// Opens (creating and migrating as needed) the search `search` of the ledger `db` names. A
/// SQLite file holds one search; PostgreSQL holds many, each its own store.
Result<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                         std::string_view search = "default");

}  // namespace keel
