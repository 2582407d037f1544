// The journal's row images keep a row's bytes exactly, also text that is not UTF-8 (written by an
// older keel), which a JSON string cannot hold. Undo must put back the row the change replaced,
// not a repaired copy of it.
#include "store/journal.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite_store.h"

namespace keel {
namespace {

namespace fs = std::filesystem;

class JournalBytesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("keel_journal_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "keel.db").string();
    store_ = SqliteStore::Open(path_).value();
    ASSERT_TRUE(store_->BeginWrite("ask").ok());
    AskRecord ask;
    ask.asked_on = ParseIsoDate("2026-11-02").value();
    ask.org_id = store_->AddOrganization("Globex").value();
    ask.kind = Kind::kApplication;
    ask_ = store_->AddAsk(ask).value();
    ASSERT_TRUE(store_->Commit().ok());
    raw_ = SqliteDb::Open(path_, false).value();
  }
  void TearDown() override {
    raw_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  // "typeof|hex" of a column of the ask, read past the store.
  std::string Raw(const std::string& column) {
    Statement& s = raw_->Prepare(fmt::format(
        "SELECT typeof({0}) || '|' || hex({0}) FROM asks WHERE id = {1}", column, ask_));
    Result<bool> row = s.Step();
    EXPECT_TRUE(row.ok() && *row);
    std::string out(s.Text(0));
    s.Reset();
    return out;
  }

  // Changes the ask's note through the store (journaled), then undoes it.
  void EditNoteAndUndo() {
    AskRecord record = *store_->GetAskRecord(ask_).value();
    record.note = "a new note";
    ASSERT_TRUE(store_->BeginWrite("edit").ok());
    ASSERT_TRUE(store_->UpdateAsk(ask_, record).ok());
    ASSERT_TRUE(store_->Commit().ok());
    EXPECT_EQ(Raw("note"), "text|61206E6577206E6F7465");
    Result<std::optional<UndoneChange>> undone = store_->UndoLast();  // its own transaction
    ASSERT_TRUE(undone.ok()) << undone.message();
    ASSERT_TRUE(undone->has_value());
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<SqliteDb> raw_;
  Id ask_ = 0;
};

TEST_F(JournalBytesTest, UndoRestoresTextThatIsNotUtf8ByteForByte) {
  ASSERT_TRUE(raw_->Exec("UPDATE asks SET note = CAST(x'636166e920ff' AS TEXT)").ok());
  EXPECT_EQ(Raw("note"), "text|636166E920FF");
  EditNoteAndUndo();
  EXPECT_EQ(Raw("note"), "text|636166E920FF");
}

TEST_F(JournalBytesTest, UndoOfADeleteBringsTheBytesBack) {
  ASSERT_TRUE(
      raw_->Exec("UPDATE asks SET note = CAST(x'ff' AS TEXT), reason = CAST(x'c328' AS TEXT)")
          .ok());
  ASSERT_TRUE(store_->BeginWrite("delete").ok());
  ASSERT_TRUE(store_->DeleteAsk(ask_).ok());
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(store_->UndoLast().ok());
  EXPECT_EQ(Raw("note"), "text|FF");
  EXPECT_EQ(Raw("reason"), "text|C328");
}

}  // namespace
}  // namespace keel
