// Postings as the seeker uses them: one per role, names resolved as `ask` resolves them, every
// refusal a value with its field and nothing written, every write undoable.
#include "app/postings.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/ledger.h"
#include "app/validate.h"
#include "store/sqlite_store.h"
#include "support/dates.h"

namespace keel {
namespace {

class PostingsTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = SqliteStore::Open(":memory:").value(); }

  PostingInput Input(const char* org = "Acme", const char* role = "Data Engineer") {
    PostingInput in;
    in.org = org;
    in.role = role;
    return in;
  }

  // The refusal's field, after checking that nothing was written (no change to undo).
  std::string RefusedField(const Result<PostingChange>& change) {
    EXPECT_FALSE(change.ok());
    EXPECT_EQ(LastChangeId(), last_);
    return change.ok() ? "" : change.field();
  }

  Id LastChangeId() {
    const std::optional<UndoneChange> last = store_->LastChange().value();
    return last ? last->change_id : 0;
  }
  void Remember() { last_ = LastChangeId(); }

  std::unique_ptr<SqliteStore> store_;
  Id last_ = 0;
  Date today_ = Day("2026-12-01");
};

TEST_F(PostingsTest, AddsOnePostingPerRoleOnTheAsksOpportunity) {
  PostingInput in = Input();
  in.url = "https://acme.example/jobs/42";
  in.description = "Build pipelines.\nKubernetes a plus.";
  in.deadline = "+2w";
  in.salary_range = "90000 - 120000";
  in.location = "  Berlin  ";
  Result<PostingChange> added = AddPosting(*store_, in, today_);
  ASSERT_TRUE(added.ok()) << added.message();
  const Posting& p = added->posting;
  EXPECT_EQ(p.record.deadline, Day("2026-12-15"));
  EXPECT_EQ(p.record.salary_min, 90000);
  EXPECT_EQ(p.record.salary_max, 120000);
  EXPECT_EQ(p.record.location, "Berlin");
  EXPECT_EQ(p.record.saved_on, today_);
  EXPECT_EQ(p.asks, 0);  // stage saved
  EXPECT_EQ(added->notices, std::vector<std::string>{"new organization 'Acme'"});

  // An application for the same role lands on the same opportunity.
  AskInput ask;
  ask.org = "acme";
  ask.role = "data engineer";
  ask.kind = Kind::kApplication;
  ask.asked_on = today_;
  ASSERT_TRUE(LogAsk(*store_, ask, today_).ok());
  EXPECT_EQ(FindPosting(*store_, p.record.id)->asks, 1);

  // A second posting for the role is a conflict naming the first.
  Remember();
  Result<PostingChange> again = AddPosting(*store_, Input("ACME", "Data  Engineer"), today_);
  EXPECT_EQ(RefusedField(again), "role");
  EXPECT_EQ(again.code(), ErrorCode::kConflict);
  EXPECT_NE(again.message().find("posting #1"), std::string::npos) << again.message();
}

TEST_F(PostingsTest, NearMissOrganizationRefusedUnlessNew) {
  ASSERT_TRUE(AddPosting(*store_, Input("Globex Corporation", "Analyst"), today_).ok());
  Remember();
  EXPECT_EQ(RefusedField(AddPosting(*store_, Input("Globex Corporatoin", "SRE"), today_)),
            "new_org");
  PostingInput in = Input("Globex Corporatoin", "SRE");
  in.new_org = true;
  EXPECT_TRUE(AddPosting(*store_, in, today_).ok());
}

TEST_F(PostingsTest, BadInputIsRefusedWithItsFieldAndNothingWritten) {
  ASSERT_TRUE(AddPosting(*store_, Input("Initech", "Analyst"), today_).ok());
  Remember();
  auto refused = [&](auto set) {
    PostingInput in = Input();
    set(in);
    return RefusedField(AddPosting(*store_, in, today_));
  };
  EXPECT_EQ(refused([](PostingInput& in) { in.role = "  "; }), "role");
  EXPECT_EQ(refused([](PostingInput& in) { in.url = "ftp://acme.example/x"; }), "url");
  EXPECT_EQ(refused([](PostingInput& in) { in.url = "javascript:alert(1)"; }), "url");
  EXPECT_EQ(refused([](PostingInput& in) { in.url = "https://"; }), "url");
  EXPECT_EQ(refused([](PostingInput& in) { in.url = "https://a.example/x y"; }), "url");
  EXPECT_EQ(refused([](PostingInput& in) { in.salary_range = "120000-90000"; }), "salary_range");
  EXPECT_EQ(refused([](PostingInput& in) { in.salary_range = "90k-120k"; }), "salary_range");
  EXPECT_EQ(refused([](PostingInput& in) { in.salary_range = "-5-10"; }), "salary_range");
  EXPECT_EQ(refused([](PostingInput& in) { in.salary_range = "1-2-3"; }), "salary_range");
  EXPECT_EQ(refused([](PostingInput& in) { in.salary_range = "99999999999999-1"; }),
            "salary_range");
  EXPECT_EQ(refused([](PostingInput& in) { in.deadline = "2026-02-30"; }), "deadline");
  EXPECT_EQ(refused([](PostingInput& in) { in.description = "ok\x1b[31m"; }), "description");
  EXPECT_EQ(refused([](PostingInput& in) { in.description = std::string("\xff"); }), "description");
  EXPECT_EQ(
      refused([](PostingInput& in) { in.description = std::string(kMaxDocumentChars + 1, 'a'); }),
      "description");
  EXPECT_EQ(refused([](PostingInput& in) { in.description_file = "/nonexistent/posting.txt"; }),
            "description_file");
  EXPECT_EQ(refused([](PostingInput& in) { in.location = "Berlin\nParis"; }), "location");
}

TEST_F(PostingsTest, SalaryRangesAndUrls) {
  EXPECT_EQ(ParseSalaryRange("90000-120000").value(), (std::pair<int64_t, int64_t>{90000, 120000}));
  EXPECT_EQ(ParseSalaryRange(" 50000 ").value(), (std::pair<int64_t, int64_t>{50000, 50000}));
  EXPECT_FALSE(ParseSalaryRange("").ok());
  EXPECT_FALSE(ParseSalaryRange("90,000-120,000").ok());
  EXPECT_FALSE(ParseSalaryRange("90000-").ok());
  EXPECT_TRUE(CheckPostingUrl("HTTPS://Acme.example").ok());
  EXPECT_TRUE(CheckPostingUrl("http://acme.example/jobs?id=1#top").ok());
  EXPECT_FALSE(CheckPostingUrl("acme.example/jobs").ok());
  EXPECT_FALSE(CheckPostingUrl("https:///jobs").ok());
  EXPECT_FALSE(CheckPostingUrl("https://acme.example/" + std::string(kMaxUrlChars, 'a')).ok());
  PostingRecord r;
  r.salary_min = 90000;
  r.salary_max = 120000;
  EXPECT_EQ(SalaryRangeText(r), "90,000–120,000");
}

TEST_F(PostingsTest, EditClearsAndMovesAndUndoRestores) {
  PostingInput in = Input();
  in.url = "https://acme.example/1";
  in.salary_range = "1-2";
  in.deadline = "2026-12-20";
  in.note = "from Dana";
  const Id id = AddPosting(*store_, in, today_)->posting.record.id;

  PostingEdit edit;
  edit.url = "";
  edit.salary_range = "";
  edit.deadline = "2026-11-20";
  edit.role = "Senior Data Engineer";
  Result<PostingChange> changed = EditPosting(*store_, id, edit, today_);
  ASSERT_TRUE(changed.ok()) << changed.message();
  const PostingRecord& r = changed->posting.record;
  EXPECT_EQ(r.url, "");
  EXPECT_FALSE(r.salary_min.has_value());
  EXPECT_EQ(r.deadline, Day("2026-11-20"));
  EXPECT_EQ(r.note, "from Dana");
  EXPECT_EQ(changed->posting.role, "Senior Data Engineer");
  ASSERT_EQ(changed->warnings.size(), 1u);  // the deadline has passed
  EXPECT_NE(changed->warnings[0].find("passed"), std::string::npos);

  ASSERT_TRUE(Undo(*store_).value().has_value());
  const Posting back = FindPosting(*store_, id).value();
  EXPECT_EQ(back.record.url, "https://acme.example/1");
  EXPECT_EQ(back.record.salary_max, 2);
  EXPECT_EQ(back.role, "Data Engineer");

  Remember();
  PostingEdit bad;
  bad.role = "";
  EXPECT_EQ(RefusedField(EditPosting(*store_, id, bad, today_)), "role");
  EXPECT_EQ(RefusedField(EditPosting(*store_, 99, PostingEdit{}, today_)), "id");
}

TEST_F(PostingsTest, RemoveKeepsTheRoleAndUndoBringsItBack) {
  const Id id = AddPosting(*store_, Input(), today_)->posting.record.id;
  Result<Posting> removed = RemovePosting(*store_, id);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->role, "Data Engineer");
  EXPECT_EQ(FindPosting(*store_, id).code(), ErrorCode::kNotFound);
  EXPECT_EQ(RemovePosting(*store_, id).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(Undo(*store_).value().has_value());
  EXPECT_TRUE(FindPosting(*store_, id).ok());
}

}  // namespace
}  // namespace keel
