#include "app/materials.h"

#include <fmt/format.h>

#include <cctype>
#include <memory>

#include "app/ledger.h"
#include "app/report_views.h"
#include "app/sodium.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"
#include "io/file.h"
#include "stats/proportion.h"

namespace keel {
namespace {

const GroupStats* FindGroup(const StatsReport& stats, const std::string& ref) {
  for (const GroupStats& g : stats.groups) {
    if (EqualsIgnoreCase(g.key, ref)) return &g;
  }
  return nullptr;
}

// The guard for replacing `current`: its evidence against the baseline of the kind of ask it was
// mostly used for.
Result<std::vector<std::string>> GuardFor(Store& store, const MaterialVersionInfo& current,
                                          const StatsReport& stats) {
  Result<std::vector<std::pair<Kind, int64_t>>> kinds =
      InSnapshot<std::vector<std::pair<Kind, int64_t>>>(
          store, [&] { return store.KindsUsing(current.id); });
  if (!kinds.ok()) return kinds.status();
  const Kind kind = kinds->empty() ? Kind::kApplication : kinds->front().first;
  GuardInput in;
  in.current_ref = current.ref();
  in.kind_name = std::string(Name(kind));
  in.baseline = BaselineRate(kind);
  if (const GroupStats* g = FindGroup(stats, current.ref())) {
    in.decided = g->decided;
    in.yes = g->yes;
  }
  return OverhaulGuardLines(in);
}

// "resume@v3 is dated 2026-11-10, but 2 asks used it before then: #4 (2026-11-01), #6 ..."
std::optional<std::string> UsedBeforeAdded(const MaterialVersionInfo& version,
                                           const std::vector<Ask>& asks) {
  if (!version.added_on) return std::nullopt;
  std::vector<std::string> early;
  for (const Ask& a : asks) {
    if (a.asked_on >= *version.added_on) continue;
    for (const std::string& used : a.materials) {
      if (EqualsIgnoreCase(used, version.ref())) {
        early.push_back(fmt::format("#{} ({})", a.id, a.asked_on.ToIso()));
        break;
      }
    }
  }
  if (early.empty()) return std::nullopt;
  constexpr size_t kShown = 5;
  const size_t n = early.size();
  if (n > kShown) early.resize(kShown);
  std::string listed = fmt::format("{}", fmt::join(early, ", "));
  if (n > kShown) listed += fmt::format(" and {} more", n - kShown);
  return fmt::format(
      "{} is dated {}, but {} used it before then: {}; if they did, undo and add the version "
      "again with its real date; if not, correct the materials those asks used",
      version.ref(), version.added_on->ToIso(), n == 1 ? "1 ask" : fmt::format("{} asks", n),
      listed);
}

}  // namespace

std::vector<std::string> EarlyUseWarnings(const Ask& ask,
                                          const std::vector<MaterialVersionInfo>& versions) {
  std::vector<std::string> out;
  for (const std::string& used : ask.materials) {
    for (const MaterialVersionInfo& v : versions) {
      if (!v.added_on || !EqualsIgnoreCase(v.ref(), used) || ask.asked_on >= *v.added_on) continue;
      out.push_back(fmt::format(
          "ask #{} ({}) used {}, which you added on {}; if it went out with an earlier version, "
          "correct the materials it used",
          ask.id, ask.asked_on.ToIso(), v.ref(), v.added_on->ToIso()));
    }
  }
  return out;
}

Result<std::string> Sha256OfFile(const std::string& path) {
  // Only the hash is kept, but the file is read whole: bounded, so /dev/zero or a FIFO cannot
  // hang keel (io/file.h).
  Result<std::string> content =
      ReadWholeFile(path, ReadLimit{kMaxMaterialBytes, "a material's file",
                                    "give the document itself (keel keeps only its SHA-256)"});
  if (!content.ok()) return content.status();
  return Sha256Hex(*content);
}

Result<MaterialAdded> AddMaterial(Store& store, const MaterialAddInput& input, Date today,
                                  const Horizon& horizon) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{input.name, "the material's name"},
                                        {input.version, "the version"},
                                        {input.note, "the note", TextRule::kText, "note"}}));
  Result<MaterialRef> ref = ParseMaterialRef(fmt::format("{}@{}", input.name, input.version));
  if (!ref.ok()) {
    Error error{"give a material and a version, like resume and v3"};
    error.hint = "keel material add resume v3";
    return error;
  }
  const Date on = input.on.value_or(today);
  KEEL_RETURN_IF_ERROR(CheckNotFuture(on, today, "date", "on"));
  std::string hash;
  if (int(input.file.has_value()) + int(input.sha256.has_value()) + int(input.content.has_value()) >
      1) {
    return Error{"give the file, its SHA-256 or its text: one of them, not two"};
  }
  if (input.file) {
    Result<std::string> digest = Sha256OfFile(*input.file);
    if (!digest.ok()) return digest.status();
    hash = *digest;
  } else if (input.sha256) {
    hash = *input.sha256;
    for (char& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Error{"the SHA-256 must be 64 hexadecimal digits; give the file instead"};
    }
  } else if (input.content) {
    if (input.content->empty()) return Error{"the pasted text is empty; paste the material's text"};
    if (input.content->size() > kMaxMaterialBytes) {
      return Error{"the pasted text is over 10 MiB; a resume or a letter is far smaller"};
    }
    Result<std::string> digest = Sha256Hex(*input.content);
    if (!digest.ok()) return digest.status();
    hash = *digest;
  }
  // The guard reads the evidence first (a report needs its own snapshot); the write follows.
  Result<std::vector<MaterialVersionInfo>> versions =
      InSnapshot<std::vector<MaterialVersionInfo>>(store, [&] { return store.MaterialVersions(); });
  if (!versions.ok()) return versions.status();
  MaterialAdded out;
  const MaterialVersionInfo* previous = nullptr;
  for (const MaterialVersionInfo& v : *versions) {
    if (!EqualsIgnoreCase(v.material, ref->name)) continue;
    if (EqualsIgnoreCase(v.version, ref->version)) {
      if (v.added_on) {
        return Error{fmt::format("{} was already added on {}; give the next version a new name",
                                 v.ref(), v.added_on->ToIso())};
      }
      out.existed = true;
      continue;
    }
    if (!previous || v.id > previous->id) previous = &v;
  }
  if (previous) {
    out.previous = previous->ref();
    Result<StatsReport> stats = BuildStats(store, today, horizon, "material");
    if (!stats.ok()) return stats.status();
    Result<std::vector<std::string>> guard = GuardFor(store, *previous, *stats);
    if (!guard.ok()) return guard.status();
    out.guard = std::move(guard).value();
    if (!out.guard.empty()) {
      out.hints.push_back(fmt::format("keel compare {} {}@{} weighs the two", previous->ref(),
                                      previous->material, ref->version));
    }
  }
  const std::string note = CollapseSpaces(input.note);
  return InTransaction<MaterialAdded>(
      store, fmt::format("material {}@{}", ref->name, ref->version),
      [&]() -> Result<MaterialAdded> {
        Result<Id> id = store.EnsureMaterialVersion(*ref);
        if (!id.ok()) return id.status();
        KEEL_RETURN_IF_ERROR(store.DescribeMaterialVersion(*id, on, hash, note));
        Result<std::vector<MaterialVersionInfo>> now = store.MaterialVersions();
        if (!now.ok()) return now.status();
        for (const MaterialVersionInfo& v : *now) {
          if (v.id == *id) out.version = v;
        }
        // A version first seen on asks may now be dated after some of them.
        if (out.existed) {
          Result<std::vector<Ask>> asks = store.ListAsks();
          if (!asks.ok()) return asks.status();
          if (std::optional<std::string> early = UsedBeforeAdded(out.version, *asks)) {
            out.warnings.push_back(*early);
            out.hints.push_back(fmt::format(
                "keel undo, then keel material add {} {} --on DATE; or keel edit ID --material "
                "VERSION for each ask",
                out.version.material, out.version.version));
          }
        }
        return out;
      });
}

Result<std::vector<MaterialRow>> ListMaterials(Store& store, Date today, const Horizon& horizon) {
  Result<StatsReport> stats = BuildStats(store, today, horizon, "material");
  if (!stats.ok()) return stats.status();
  Result<std::vector<MaterialVersionInfo>> versions =
      InSnapshot<std::vector<MaterialVersionInfo>>(store, [&] { return store.MaterialVersions(); });
  if (!versions.ok()) return versions.status();
  std::vector<MaterialRow> rows;
  for (const MaterialVersionInfo& v : *versions) {
    MaterialRow row{v, GroupStats{}};
    row.stats.key = v.ref();
    if (const GroupStats* g = FindGroup(*stats, v.ref())) row.stats = *g;
    rows.push_back(std::move(row));
  }
  return rows;
}

Json MaterialsJson(const std::vector<MaterialRow>& rows) {
  Json out = Json::array();
  for (const MaterialRow& r : rows) {
    Json j;
    j["material"] = r.version.ref();
    j["added_on"] = DateJson(r.version.added_on);
    j["sha256"] = r.version.content_hash.empty() ? Json(nullptr) : Json(r.version.content_hash);
    j["note"] = r.version.note;
    j["stats"] = GroupJson(r.stats);
    out.push_back(std::move(j));
  }
  return out;
}

Result<Comparison> CompareMaterials(Store& store, const std::string& a, const std::string& b,
                                    Date today, const Horizon& horizon) {
  Result<std::vector<MaterialRow>> rows = ListMaterials(store, today, horizon);
  if (!rows.ok()) return rows.status();
  auto evidence = [&](const std::string& text) -> Result<VersionEvidence> {
    Result<MaterialRef> ref = ParseMaterialRef(text);
    if (!ref.ok()) return ref.status();
    const std::string wanted = ref->name + "@" + ref->version;
    for (const MaterialRow& r : *rows) {
      if (EqualsIgnoreCase(r.version.ref(), wanted)) {
        return VersionEvidence{r.version.ref(), r.stats.asks, r.stats.decided, r.stats.yes};
      }
    }
    Error error{fmt::format("there is no material version '{}' in your ledger", wanted),
                ErrorCode::kNotFound};
    error.hint = "'keel materials' lists them";
    return error;
  };
  Result<VersionEvidence> first = evidence(a);
  if (!first.ok()) return InField("a", first.error());
  Result<VersionEvidence> second = evidence(b);
  if (!second.ok()) return InField("b", second.error());
  if (EqualsIgnoreCase(first->ref, second->ref)) {
    return Error{fmt::format("both sides are {}; compare two different versions", first->ref)};
  }
  return Compare(*first, *second);
}

}  // namespace keel
