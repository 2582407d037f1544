#include "app/materials.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

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
            "with an earlier version, correct the materials it used");
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
  MaterialAddInput input{"cover",           "v1",         std::nullopt, "",
                         Day("2026-11-10"), std::nullopt, std::nullopt};
  const Result<MaterialAdded> added = AddMaterial(*store, input, today, Horizon{});
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_EQ(added->version.added_on, Day("2026-11-10"));
  ASSERT_EQ(added->warnings.size(), 1u);
  EXPECT_EQ(added->warnings[0],
            "cover@v1 is dated 2026-11-10, but 2 asks used it before then: #1 (2026-11-03), #2 "
            "(2026-11-05); if they did, undo and add the version again with its real date; if not, "
            "correct the materials those asks used");
}

// The page hashes an uploaded file in the browser, or sends pasted text: either way only the
// SHA-256 is kept, the same one `--file` would record for those bytes.
TEST(AddMaterialTest, AHashOrPastedTextStandsInForTheFile) {
  std::unique_ptr<SqliteStore> store = SqliteStore::Open(":memory:").value();
  const Date today = Day("2026-11-26");
  // SHA-256("abc"), FIPS 180-2's first example.
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  MaterialAddInput pasted{"resume",     "v1",         std::nullopt,      "",
                          std::nullopt, std::nullopt, std::string("abc")};
  Result<MaterialAdded> added = AddMaterial(*store, pasted, today, Horizon{});
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_EQ(added->version.content_hash, abc);
  std::string upper = abc;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  MaterialAddInput hashed{"resume", "v2", std::nullopt, "", std::nullopt, upper, std::nullopt};
  added = AddMaterial(*store, hashed, today, Horizon{});
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_EQ(added->version.content_hash, abc);

  MaterialAddInput bad{"resume",           "v3",        std::nullopt, "", std::nullopt,
                       std::string("abc"), std::nullopt};
  EXPECT_EQ(AddMaterial(*store, bad, today, Horizon{}).message(),
            "the SHA-256 must be 64 hexadecimal digits; give the file instead");
  MaterialAddInput both{"resume", "v3", std::nullopt, "", std::nullopt, abc, std::string("abc")};
  EXPECT_EQ(AddMaterial(*store, both, today, Horizon{}).message(),
            "give the file, its SHA-256 or its text: one of them, not two");
  MaterialAddInput empty{"resume",     "v3",         std::nullopt, "",
                         std::nullopt, std::nullopt, std::string()};
  EXPECT_EQ(AddMaterial(*store, empty, today, Horizon{}).message(),
            "the pasted text is empty; paste the material's text");
}

}  // namespace
}  // namespace keel
