#include "app/validate.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/feedback.h"
#include "app/import.h"
#include "app/ledger.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

TEST(CheckInputTextTest, RefusesInvalidUtf8WithByteAndPosition) {
  EXPECT_EQ(CheckInputText("a reason\xFF", "--reason", TextRule::kText).message(),
            "--reason is not valid UTF-8 (byte 0xff at position 9); re-type it or fix the file's "
            "encoding");
}

TEST(CheckInputTextTest, NamesTakeNoControlsTextsKeepLineBreaksAndTabs) {
  EXPECT_TRUE(CheckInputText("Zoë Müller", "--to", TextRule::kName).ok());
  EXPECT_TRUE(CheckInputText("Dear Ana,\r\n\tthanks\nBest", "--reason", TextRule::kText).ok());
  EXPECT_EQ(CheckInputText("Acme\x1b[2J", "--org", TextRule::kName).message(),
            "--org contains an escape character (ESC, used for terminal codes) at character 5 "
            "('Acme\\x1b[2J'); a name is one line of plain text: remove it");
  EXPECT_EQ(CheckInputText("Acme\nCorp", "--org", TextRule::kName).message(),
            "--org contains a line break at character 5 ('Acme\\nCorp'); a name is one line of "
            "plain text: remove it");
  EXPECT_EQ(CheckInputText(std::string("no\0pe", 5), "--note", TextRule::kText).message(),
            "--note contains a NUL byte at character 3 ('no\\x00pe'); only line breaks and tabs "
            "may be kept: remove it");
  EXPECT_FALSE(CheckInputText("x\x7f", "--note", TextRule::kText).ok());  // DEL
  EXPECT_FALSE(CheckInputText("x\xC2\x9B"
                              "1m",
                              "--note", TextRule::kText)
                   .ok());                                                   // C1 CSI
  EXPECT_TRUE(CheckInputText("x\xC2\xA0y", "--org", TextRule::kName).ok());  // no-break space
}

// "Trojan Source": embeddings, overrides and isolates reorder how text is shown, so every text
// refuses them; the implicit marks that right-to-left names need are kept.
TEST(CheckInputTextTest, RefusesBidirectionalControlsInEveryText) {
  EXPECT_EQ(CheckInputText("Acme\u202E", "--org", TextRule::kName).message(),
            "--org contains a bidirectional control (U+202E, which makes text show in another "
            "order than it is written) at character 5 ('Acme\\u202e'); remove it (right-to-left "
            "text is fine)");
  EXPECT_EQ(CheckInputText("ok \u2067x\u2069", "--reason", TextRule::kText).message(),
            "--reason contains a bidirectional control (U+2067, which makes text show in another "
            "order than it is written) at character 4 ('ok \\u2067x\\u2069'); remove it "
            "(right-to-left text is fine)");
  for (const char* bidi :
       {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    for (TextRule rule : {TextRule::kName, TextRule::kText, TextRule::kDocument}) {
      EXPECT_FALSE(CheckInputText(std::string("a") + bidi + "b", "x", rule).ok()) << bidi;
    }
  }
  // Their neighbours in the same block are ordinary punctuation and spaces.
  for (const char* fine : {"\u2029", "\u202F", "\u2065", "\u206A", "\u2014", "\u2026"}) {
    EXPECT_TRUE(CheckInputText(std::string("a") + fine + "b", "x", TextRule::kText).ok()) << fine;
  }
  // The implicit marks (LRM, RLM, ALM) and right-to-left text itself.
  EXPECT_TRUE(CheckInputText("\u05E9\u05DC\u05D5\u05DD\u200F Ltd", "--org", TextRule::kName).ok());
  EXPECT_TRUE(CheckInputText("a\u200Eb\u061Cc", "--org", TextRule::kName).ok());
}

TEST(CheckInputTextTest, LimitsCountCharactersNotBytes) {
  EXPECT_TRUE(CheckInputText(std::string(200, 'a'), "--org", TextRule::kName).ok());
  std::string two_hundred_e;
  for (int i = 0; i < 200; ++i) two_hundred_e += "é";  // 400 bytes, 200 characters
  EXPECT_TRUE(CheckInputText(two_hundred_e, "--org", TextRule::kName).ok());
  EXPECT_EQ(CheckInputText(std::string(201, 'a'), "--org", TextRule::kName).message(),
            "--org is 201 characters long ('" + std::string(40, 'a') +
                "\xE2\x80\xA6'); a name has at most 200: shorten it");
  EXPECT_TRUE(CheckInputText(std::string(4000, 'a'), "--reason", TextRule::kText).ok());
  const std::string message =
      CheckInputText(std::string(50'000'000, 'a'), "--reason", TextRule::kText).message();
  EXPECT_LT(message.size(), 200u);
  EXPECT_NE(message.find("50,000,000 characters"), std::string::npos);
  EXPECT_NE(message.find("at most 4,000"), std::string::npos);
}

class ValidateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
  }
  int64_t Asks() { return static_cast<int64_t>(store_->ListAsks().value().size()); }
  std::unique_ptr<SqliteStore> store_;
  Date today_ = Day("2026-11-26");
};

TEST_F(ValidateStoreTest, EveryWriteRefusesBadTextAndStoresNothing) {
  AskInput ask;
  ask.org = "Acme\x1b[31m";
  ask.kind = Kind::kChat;
  ask.asked_on = today_;
  EXPECT_FALSE(LogAsk(*store_, ask, today_).ok());
  ask.org = "Acme";
  ask.note = "bad \xFF";
  EXPECT_FALSE(LogAsk(*store_, ask, today_).ok());
  ask.note = "";
  ask.despite = std::string(4001, 'x');
  EXPECT_FALSE(LogAsk(*store_, ask, today_).ok());
  EXPECT_EQ(Asks(), 0);
  EXPECT_TRUE(store_->Organizations().value().empty());

  ask.despite.reset();
  const Result<LedgerChange> logged = LogAsk(*store_, ask, today_);
  ASSERT_TRUE(logged.ok()) << logged.message();
  const Id id = logged->ask.id;
  OutcomeInput no;
  no.id = id;
  no.outcome = Outcome::kNo;
  no.reason = std::string("nope\xC0");
  const Result<LedgerChange> bad_reason = RecordOutcome(*store_, no, today_);
  EXPECT_NE(bad_reason.message().find("the reason is not valid UTF-8"), std::string::npos);
  EXPECT_EQ(bad_reason.field(), "reason");
  AskEdit edit;
  edit.role = std::string(201, 'r');
  const Result<LedgerChange> long_role = EditAsk(*store_, id, edit, today_);
  EXPECT_NE(long_role.message().find("the role is 201 characters"), std::string::npos);
  EXPECT_EQ(long_role.field(), "role");
  EXPECT_FALSE(FollowUp(*store_, id, today_, "x\x07", today_).ok());
  FeedbackInput feedback;
  feedback.ask_id = id;
  feedback.text = std::string("a\0b", 3);
  EXPECT_FALSE(RecordFeedback(*store_, feedback, today_).ok());
  EXPECT_FALSE(AddAction(*store_, "do \x1b[2J", "busy", std::nullopt, today_).ok());
  const Ask after = store_->GetAsk(id).value().value();
  EXPECT_EQ(after.outcome, Outcome::kPending);
  EXPECT_TRUE(after.role.empty());
  EXPECT_TRUE(after.follow_ups.empty());
}

TEST_F(ValidateStoreTest, ImportRefusesControlCharactersAndLongNamesInCells) {
  ImportOptions options;
  options.file_name = "t.csv";
  Result<ImportReport> report =
      ImportCsv(*store_, "date applied,company\n2026-11-01,\"Acme\x1b[2J\"\n", options, today_);
  EXPECT_EQ(report.message(),
            "t.csv:2: column 'company' contains an escape character (ESC, used for terminal "
            "codes) at character 5 ('Acme\\x1b[2J'); only line breaks and tabs may be kept: "
            "remove it; fix the row, or skip bad rows to import the rest");
  report = ImportCsv(*store_, "date applied,company\n2026-11-01," + std::string(300, 'A') + "\n",
                     options, today_);
  EXPECT_NE(report.message().find("column 'company' is 300 characters long"), std::string::npos);
  // A multi-line company cell is one name once its spaces are collapsed.
  report =
      ImportCsv(*store_, "date applied,company\n2026-11-01,\"Acme\n Corp\"\n", options, today_);
  ASSERT_TRUE(report.ok()) << report.message();
  EXPECT_EQ(store_->Organizations().value().at(0).name, "Acme Corp");
}

}  // namespace
}  // namespace keel
