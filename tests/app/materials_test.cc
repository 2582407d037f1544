#include "app/materials.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/ledger.h"
#include "store/sqlite_store.h"

namespace keel {
namespace {

Date Day(const char* iso) { return ParseIsoDate(iso).value(); }

MaterialVersionInfo Version(const char* material, const char* version,
                            std::optional<Date> added_on) {
  MaterialVersionInfo v;
  v.material = material;
  v.version = version;
  v.added_on = added_on;
  return v;
}

TEST(EarlyUseWarningsTest, AVersionUsedBeforeItsDateIsWarnedAbout) {
  Ask ask;
  ask.id = 4;
  ask.asked_on = Day("2026-11-01");
  ask.materials = {"cover@v1", "resume@v3"};
  const std::vector<MaterialVersionInfo> versions = {
      Version("resume", "v3", Day("2026-11-10")), Version("cover", "v1", Day("2026-11-01")),
      Version("resume", "v2", Day("2026-12-01"))};  // not used by the ask
  const std::vector<std::string> warnings = EarlyUseWarnings(ask, versions);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "ask #4 (2026-11-01) used resume@v3, which you added on 2026-11-10; if it went out "
            "with an earlier version, fix it with keel edit 4 --material");
}

TEST(EarlyUseWarningsTest, SameDayOrUndatedVersionsAreFine) {
  Ask ask;
  ask.asked_on = Day("2026-11-10");
  ask.materials = {"resume@v3", "cover@v1"};
  EXPECT_TRUE(EarlyUseWarnings(ask, {Version("resume", "v3", Day("2026-11-10")),
                                     Version("cover", "v1", std::nullopt)})
                  .empty());
}

TEST(AddMaterialTest, DatingAVersionAfterAsksThatUsedItWarnsButAdds) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(":memory:").value();
  const Date today = Day("2026-11-26");
  for (const char* on : {"2026-11-03", "2026-11-05", "2026-11-20"}) {
    AskInput input;
    input.org = "Acme";
    input.kind = Kind::kApplication;
    input.asked_on = Day(on);
    input.materials = {"cover@v1"};
    ASSERT_TRUE(LogAsk(*store, input, today).ok());
  }
  MaterialAddInput input{"cover", "v1", std::nullopt, "", Day("2026-11-10")};
  const Result<MaterialAdded> added = AddMaterial(*store, input, today, Horizon{});
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_EQ(added->version.added_on, Day("2026-11-10"));
  ASSERT_EQ(added->warnings.size(), 1u);
  EXPECT_EQ(added->warnings[0],
            "cover@v1 is dated 2026-11-10, but 2 asks used it before then: #1 (2026-11-03), #2 "
            "(2026-11-05); if they did, keel undo and add the version again with its real --on "
            "date; if not, fix them with keel edit ID --material");
}

}  // namespace
}  // namespace keel
