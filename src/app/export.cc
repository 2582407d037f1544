#include "app/export.h"

#include "app/views.h"
#include "io/csv.h"

namespace keel {

std::string_view KeelCsvHeader() {
  return "asked_on,org,person,kind,channel,outcome,replied_on,reason,materials,role,note,until,"
         "follow_ups";
}

Result<std::string> ExportCsv(Store& store) {
  KEEL_RETURN_IF_ERROR(store.BeginRead());
  Result<std::vector<Ask>> asks = store.ListAsks();
  store.Rollback();
  if (!asks.ok()) return asks.status();
  std::string out(KeelCsvHeader());
  out += '\n';
  std::vector<std::string> fields(13);
  for (const Ask& a : *asks) {
    // The recorded outcome, not the inferred one: silence by the horizon is a reading of the
    // ledger at a date, not part of it.
    // Appended piece by piece: GCC 12 -O3 misreports "a + b" of strings (-Wrestrict, bug 105329).
    std::string materials;
    for (const std::string& m : a.materials) {
      if (!materials.empty()) materials.push_back(';');
      materials.append(m);
    }
    std::string follow_ups;
    for (Date d : a.follow_ups) {
      if (!follow_ups.empty()) follow_ups.push_back(';');
      follow_ups.append(d.ToIso());
    }
    fields = {a.asked_on.ToIso(),
              a.org,
              a.person,
              std::string(Name(a.kind)),
              std::string(Name(a.channel)),
              std::string(Name(a.outcome)),
              a.replied_on ? a.replied_on->ToIso() : "",
              a.reason,
              materials,
              a.role,
              a.note,
              a.until ? a.until->ToIso() : "",
              follow_ups};
    AppendCsvRow(&out, fields);
  }
  return out;
}

Result<std::string> ExportJson(Store& store, Date today, int silence_days) {
  KEEL_RETURN_IF_ERROR(store.BeginRead());
  Result<std::vector<Ask>> asks = store.ListAsks();
  store.Rollback();
  if (!asks.ok()) return asks.status();
  Json all = Json::array();
  for (const Ask& a : *asks) all.push_back(AskJson(a, today, silence_days));
  return all.dump(2) + "\n";
}

}  // namespace keel
