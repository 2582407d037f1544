// The store's part of postings and search: postings journaled like every write, and the FTS5
// indexes kept in step with asks and postings by the schema's triggers, whatever writes them
// (an add, an edit, a delete, undo), checked by FTS5's own integrity check against the content.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

namespace fs = std::filesystem;

class SqlitePostingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("keel-postings-") + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_));
    path_ = (dir_ / "keel.db").string();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void OpenStore() {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
  }

  // FTS5's integrity check, comparing each index with its content table (rank 1): fails when a
  // write reached a table without reaching its index.
  void ExpectIndexesInStep() {
    Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_, /*create=*/false);
    ASSERT_TRUE(db.ok()) << db.message();
    for (const char* fts : {"asks_fts", "postings_fts"}) {
      const std::string sql =
          fmt::format("INSERT INTO {0} ({0}, rank) VALUES ('integrity-check', 1)", fts);
      EXPECT_TRUE((*db)->Exec(sql).ok()) << fts << " is out of step with its table";
    }
  }

  // Exact words, each a phrase of its space-separated tokens ({"on call"} is "on-call").
  static TextQuery Words(std::initializer_list<const char*> words) {
    TextQuery query;
    for (const char* w : words) {
      std::vector<std::string> tokens;
      std::istringstream in(w);
      for (std::string t; in >> t;) tokens.push_back(t);
      query.words.push_back(tokens);
    }
    return query;
  }

  // The ids of the rows the words find, "a3 p1" (asks first).
  std::string Found(std::initializer_list<const char*> words) {
    Result<std::vector<TextMatch>> found = store_->SearchTexts(Words(words));
    EXPECT_TRUE(found.ok()) << found.message();
    std::string out;
    for (const TextMatch& m : found.value()) {
      if (!out.empty()) out += ' ';
      out += fmt::format("{}{}", m.source == TextMatch::Source::kAsk ? 'a' : 'p', m.id);
    }
    return out;
  }

  Id AddOpportunity(const char* org, const char* role) {
    Result<std::optional<Id>> found = store_->FindOrganization(org);
    Id org_id = found.value() ? **found : store_->AddOrganization(org).value();
    return store_->EnsureOpportunity(org_id, role).value();
  }

  Id AddAsk(const char* org, const char* reason, const char* note, Id opportunity = 0) {
    AskRecord ask;
    ask.asked_on = Day("2026-11-02");
    Result<std::optional<Id>> found = store_->FindOrganization(org);
    ask.org_id = found.value() ? **found : store_->AddOrganization(org).value();
    ask.opportunity_id = opportunity;
    ask.kind = Kind::kApplication;
    ask.outcome = *reason ? Outcome::kNo : Outcome::kPending;
    if (*reason) ask.replied_on = Day("2026-11-10");
    ask.reason = reason;
    ask.note = note;
    return store_->AddAsk(ask).value();
  }

  std::string path_;
  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqlitePostingsTest, DebiansSqliteHasFts5) {
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(":memory:", true);
  ASSERT_TRUE(db.ok());
  Statement& s = (*db)->Prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5')");
  ASSERT_TRUE(s.Step().value());
  EXPECT_EQ(s.Int(0), 1) << "keel's search needs SQLite built with FTS5";
  s.Reset();
}

TEST_F(SqlitePostingsTest, ListsByDeadlineWithExcerptsAndAskCounts) {
  OpenStore();
  ASSERT_TRUE(store_->BeginWrite("postings").ok());
  const Id late = AddOpportunity("Acme", "Data Engineer");
  const Id none = AddOpportunity("Globex", "Analyst");
  const Id soon = AddOpportunity("Initech", "Platform Engineer");
  PostingRecord p;
  p.saved_on = Day("2026-12-01");
  p.opportunity_id = late;
  p.deadline = Day("2026-12-20");
  const std::string long_text = "Zürich office. " + std::string(500, 'x');
  p.description = long_text;
  p.salary_min = 90000;
  p.salary_max = 120000;
  const Id late_id = store_->AddPosting(p).value();
  p.opportunity_id = none;
  p.deadline.reset();
  p.description = "short";
  store_->AddPosting(p).value();
  p.opportunity_id = soon;
  p.deadline = Day("2026-12-05");
  const Id soon_id = store_->AddPosting(p).value();
  AddAsk("Acme", "", "applied", late);
  AddAsk("Acme", "", "again", late);
  ASSERT_TRUE(store_->Commit().ok());

  const std::vector<Posting> list = store_->ListPostings(10).value();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].record.id, soon_id);
  EXPECT_EQ(list[1].record.id, late_id);
  EXPECT_FALSE(list[2].record.deadline.has_value());
  EXPECT_EQ(list[1].record.description, "Zürich off");  // ten characters, not bytes
  EXPECT_EQ(list[1].description_chars, 515);
  EXPECT_EQ(list[1].asks, 2);
  EXPECT_EQ(list[0].asks, 0);
  EXPECT_EQ(list[1].org, "Acme");
  EXPECT_EQ(list[1].role, "Data Engineer");
  EXPECT_EQ(list[1].record.salary_max, 120000);

  const std::optional<Posting> whole = store_->GetPosting(late_id).value();
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(whole->record.description, long_text);
  EXPECT_FALSE(store_->GetPosting(99).value().has_value());
  EXPECT_EQ(store_->PostingsOf(late).value().size(), 1u);
  EXPECT_TRUE(store_->PostingsOf(9999).value().empty());
  const std::vector<Posting> due =
      store_->PostingsWithDeadline(Day("2026-12-01"), Day("2026-12-10")).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record.id, soon_id);
}

TEST_F(SqlitePostingsTest, SearchFollowsEveryWriteAndUndo) {
  OpenStore();
  ASSERT_TRUE(store_->BeginWrite("ask").ok());
  const Id ask = AddAsk("Acme", "the role needs Kubernetes", "");
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Found({"kubernetes"}), fmt::format("a{}", ask));

  ASSERT_TRUE(store_->BeginWrite("posting").ok());
  PostingRecord p;
  p.saved_on = Day("2026-12-01");
  p.opportunity_id = AddOpportunity("Globex", "SRE");
  p.description = "We run Kubernetes in Zürich";
  const Id posting = store_->AddPosting(p).value();
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Found({"kubernetes"}), fmt::format("a{} p{}", ask, posting));
  EXPECT_EQ(Found({"zurich"}), fmt::format("p{}", posting));  // diacritics folded
  ExpectIndexesInStep();

  // An edit re-indexes; its undo restores the old words.
  ASSERT_TRUE(store_->BeginWrite("edit posting").ok());
  p.id = posting;
  p.description = "Nomad, not that other thing";
  p.note = "ask about on-call";
  ASSERT_TRUE(store_->UpdatePosting(p).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Found({"kubernetes"}), fmt::format("a{}", ask));
  EXPECT_EQ(Found({"on call"}), fmt::format("p{}", posting));
  ExpectIndexesInStep();
  ASSERT_TRUE(store_->UndoLast().value().has_value());
  EXPECT_EQ(Found({"kubernetes"}), fmt::format("a{} p{}", ask, posting));
  EXPECT_EQ(Found({"nomad"}), "");
  ExpectIndexesInStep();

  // A delete and its undo; an ask's edit and delete.
  ASSERT_TRUE(store_->BeginWrite("remove").ok());
  ASSERT_TRUE(store_->DeletePosting(posting).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Found({"zurich"}), "");
  ExpectIndexesInStep();
  ASSERT_TRUE(store_->UndoLast().value().has_value());
  EXPECT_EQ(Found({"zurich"}), fmt::format("p{}", posting));

  ASSERT_TRUE(store_->BeginWrite("edit ask").ok());
  AskRecord record = store_->GetAskRecord(ask).value().value();
  record.reason = "budget freeze";
  ASSERT_TRUE(store_->UpdateAsk(ask, record).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Found({"kubernetes"}), fmt::format("p{}", posting));
  EXPECT_EQ(Found({"budget", "freeze"}), fmt::format("a{}", ask));
  ASSERT_TRUE(store_->BeginWrite("delete").ok());
  ASSERT_TRUE(store_->DeleteAsk(ask).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Found({"budget"}), "");
  ExpectIndexesInStep();
  ASSERT_TRUE(store_->UndoLast().value().has_value());  // the delete
  ASSERT_TRUE(store_->UndoLast().value().has_value());  // the edit
  EXPECT_EQ(Found({"kubernetes"}), fmt::format("a{} p{}", ask, posting));
  ExpectIndexesInStep();
}

TEST_F(SqlitePostingsTest, MatchesCarryBothSearchedTexts) {
  OpenStore();
  ASSERT_TRUE(store_->BeginWrite("ask").ok());
  AddAsk("Acme", "no visa sponsorship", "asked about visa and relocation");
  AddAsk("Acme", "", "relocation only");
  ASSERT_TRUE(store_->Commit().ok());
  const std::vector<TextMatch> found = store_->SearchTexts(Words({"visa"})).value();
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].texts.size(), 2u);
  EXPECT_EQ(found[0].texts[0].name, "reason");
  EXPECT_EQ(found[0].texts[0].text, "no visa sponsorship");
  EXPECT_EQ(found[0].texts[1].name, "note");
  EXPECT_EQ(found[0].texts[1].text, "asked about visa and relocation");
  EXPECT_EQ(store_->SearchTexts(Words({"relocation"})).value().size(), 2u);
}

// The migration indexes the asks already in a ledger made by an older keel.
TEST_F(SqlitePostingsTest, MigrationIndexesExistingAsks) {
  {
    Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path_, /*create=*/true);
    ASSERT_TRUE(db.ok()) << db.message();
    ASSERT_TRUE(MigrateTo(**db, 8).ok());
    ASSERT_TRUE((*db)
                    ->Exec(R"sql(
      INSERT INTO organizations (id, search_id, name) VALUES (1, 1, 'Acme');
      INSERT INTO asks (id, search_id, asked_on, organization_id, kind, channel, outcome,
                        replied_on, reason, note)
        VALUES (1, 1, '2026-01-05', 1, 'application', 'linkedin', 'no', '2026-01-20',
                'went with an internal candidate', ''),
               (2, 1, '2026-01-06', 1, 'chat', 'other', 'pending', NULL, '', 'met at PyCon');
    )sql")
                    .ok());
  }
  OpenStore();
  EXPECT_EQ(Found({"internal"}), "a1");
  EXPECT_EQ(Found({"pycon"}), "a2");
  ExpectIndexesInStep();
}

}  // namespace
}  // namespace keel
