// libpq, opened when a PostgreSQL connection is first made (core/shared_library.h says why it is
// not linked). Every function keel calls is listed once, typed by libpq-fe.h's own declaration.
#pragma once

#include <libpq-fe.h>

#include "core/result.h"

namespace keel {

// clang-format off
#define KEEL_LIBPQ_FUNCTIONS(X) \
  X(PQclear) \
  X(PQcmdTuples) \
  X(PQconnectdb) \
  X(PQdb) \
  X(PQerrorMessage) \
  X(PQexec) \
  X(PQexecParams) \
  X(PQexecPrepared) \
  X(PQfinish) \
  X(PQfname) \
  X(PQftype) \
  X(PQgetisnull) \
  X(PQgetlength) \
  X(PQgetvalue) \
  X(PQhost) \
  X(PQnfields) \
  X(PQntuples) \
  X(PQport) \
  X(PQprepare) \
  X(PQresultErrorField) \
  X(PQresultErrorMessage) \
  X(PQresultStatus) \
  X(PQsetNoticeProcessor) \
  X(PQstatus) \
  X(PQtransactionStatus)
// clang-format on

struct LibPq {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` is a declarator, not an expression
#define KEEL_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
  KEEL_LIBPQ_FUNCTIONS(KEEL_LIBPQ_MEMBER)
#undef KEEL_LIBPQ_MEMBER
};

/// Loads libpq once (thread-safe); later calls return the same table or the same error.
Result<const LibPq*> LoadLibPq();

/// The table, for code that runs only on a connection already open (PgDb::Open loaded it).
const LibPq& Pq();

}  // namespace keel
