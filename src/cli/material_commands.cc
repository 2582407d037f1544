// Materials: name a version, list them with their evidence, compare two.
#include <fmt/format.h>

#include "app/use_materials.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/json_dump.h"

namespace keel {

int RunMaterialAdd(const MaterialAddOptions& o, Context& ctx) {
  Result<MaterialAdded> added = AddMaterial(ctx, o);
  if (!added.ok()) return Fail(ctx, added.error());
  const MaterialVersionInfo& v = added->version;
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(MaterialAddedJson(*added)));
    for (const std::string& w : added->warnings) fmt::print(ctx.err, "warning: {}\n", w);
    PrintHints(ctx, added->hints);
    return kExitOk;
  }
  fmt::print(
      ctx.out, "{} {}, {}{}.\n", added->existed ? "Described" : "Added", v.ref(),
      v.added_on ? v.added_on->ToIso() : "",
      v.content_hash.empty() ? "" : fmt::format(", sha256 {}", v.content_hash.substr(0, 12)));
  for (const std::string& line : added->guard) fmt::print(ctx.out, "{}\n", line);
  for (const std::string& w : added->warnings) fmt::print(ctx.err, "warning: {}\n", w);
  PrintHints(ctx, added->hints);
  return kExitOk;
}

int RunMaterials(Context& ctx) {
  Result<std::vector<MaterialRow>> rows = Materials(ctx);
  if (!rows.ok()) return Fail(ctx, rows.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(MaterialsJson(*rows)));
    return kExitOk;
  }
  if (rows->empty()) {
    fmt::print(ctx.out,
               "No materials yet: keel material add resume v1 --file resume.pdf, then "
               "--material resume@v1 on the asks that used it.\n");
    return kExitOk;
  }
  Table t{{"material", "added", "asks", "decided", "yes", "yes-rate", "note"},
          {false, false, true, true, true, true, false},
          {}};
  for (const MaterialRow& r : *rows) {
    t.rows.push_back({r.version.ref(), r.version.added_on ? r.version.added_on->ToIso() : "",
                      std::to_string(r.stats.asks), std::to_string(r.stats.decided),
                      std::to_string(r.stats.yes),
                      r.stats.yes_rate ? fmt::format("{:.0f}%", 100.0 * *r.stats.yes_rate) : "-",
                      r.version.note});
  }
  fmt::print(ctx.out, "{}", RenderTable(t, ctx.color));
  return kExitOk;
}

int RunCompare(const std::string& a, const std::string& b, Context& ctx) {
  Result<Comparison> c = CompareMaterials(ctx, a, b);
  if (!c.ok()) return Fail(ctx, c.error());
  if (ctx.json) {
    fmt::print(ctx.out, "{}\n", DumpJson(ComparisonJson(*c)));
    return kExitOk;
  }
  for (const std::string& line : ComparisonLines(*c)) fmt::print(ctx.out, "{}\n", line);
  return kExitOk;
}

}  // namespace keel
