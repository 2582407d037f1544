// SQLite I/O errors (issue 14), injected through a test VFS (faulty_vfs.h) under keel's real code
// paths: the Session use cases the CLI and the page call, each opening the ledger as a command
// does (store/open.h). A sweep fails the 1st, 2nd, ... k-th read, write, sync or truncate of a
// command, until the command gets through without meeting the fault; after each attempt the fault
// is removed and the ledger reopened, and it must pass `PRAGMA integrity_check`, hold every write
// acknowledged so far and nothing of a failed one, while the failure itself was a one-line Error
// naming the file and the fix (never an exception, never a crash).
//
// A sticky fault fails every later call as well (a disk gone bad: SQLite's rollback fails too and
// the next open finds a hot journal); a one-time fault lets SQLite's own recovery reach the disk.
// An ask and a read command meet every fault point. An import and the migrations of a new ledger
// make hundreds of calls: they meet the first eight and the last eight, eight spread between, and
// every call between two of those where the outcome changed (where a failed write stops failing
// the command, at the commit), which keeps the whole file to a few seconds.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ledger.h"
#include "app/session.h"
#include "app/use_import.h"
#include "app/use_ledger.h"
#include "app/use_reads.h"
#include "store/faulty_vfs.h"
#include "store/open.h"
#include "support/dates.h"

namespace keel {
namespace {

// A sweep that has not got through after this many faults has met a command that never ends.
constexpr int64_t kMaxFaultPoints = 400;
// Fault points an import or a new ledger's migrations meet (of their hundreds of calls).
constexpr int64_t kSpreadPoints = 24;

struct IoFaultKind {
  const char* name;
  FaultOp op;
  int error;
};

constexpr IoFaultKind kIoFaultKinds[] = {
    {"xWrite SQLITE_IOERR_WRITE", FaultOp::kWrite, SQLITE_IOERR_WRITE},
    {"xWrite SQLITE_FULL", FaultOp::kWrite, SQLITE_FULL},
    {"xSync SQLITE_IOERR_FSYNC", FaultOp::kSync, SQLITE_IOERR_FSYNC},
    {"xTruncate SQLITE_IOERR_TRUNCATE", FaultOp::kTruncate, SQLITE_IOERR_TRUNCATE},
    {"xRead SQLITE_IOERR_READ", FaultOp::kRead, SQLITE_IOERR_READ},
};

// The calls of a command of `calls` calls that a spread sweep fails: every one when there are
// few; else the first and last thirds of `points`, and the rest evenly between.
std::vector<int64_t> SpreadFaultPoints(int64_t calls, int64_t points) {
  std::vector<int64_t> out;
  if (calls <= points) {
    for (int64_t k = 0; k < calls; ++k) out.push_back(k);
    return out;
  }
  const int64_t edge = points / 3;
  for (int64_t k = 0; k < edge; ++k) out.push_back(k);
  const int64_t middle = points - 2 * edge;
  for (int64_t i = 1; i <= middle; ++i) out.push_back(edge + i * (calls - 2 * edge) / (middle + 1));
  for (int64_t k = calls - edge; k < calls; ++k) out.push_back(k);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// What one sweep saw.
struct SweepTally {
  int64_t calls = 0;        // matching calls of the command run without the fault
  int64_t points = 0;       // attempts that met the fault
  int64_t refused = 0;      // of which the command failed
  int64_t got_through = 0;  // of which it succeeded anyway (SQLite recovered, or keel ignored it)
};

class SqliteIoErrorTest : public ::testing::Test {
 protected:
  // A command: runs against the ledger and, when it succeeds, adds the organizations of the asks
  // it wrote to `added`.
  using Command = std::function<Status(int64_t attempt, std::vector<std::string>* added)>;

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("keel_io_error_test_{}_{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "keel.db").string();
    // Nothing here loses power: syncs are counted and can fail, but need not reach the disk.
    vfs_.set_durable(false);
  }
  void TearDown() override {
    vfs_.Disarm();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // A Session as the CLI builds one: the ledger opened (and migrated) by the command itself.
  Session NewSession() {
    Session session;
    session.today = today_;
    session.store_source = [db = db_]() -> Result<std::shared_ptr<Store>> {
      Result<std::unique_ptr<Store>> store = OpenStore(db);
      if (!store.ok()) return store.status();
      return std::shared_ptr<Store>(std::move(store).value());
    };
    return session;
  }

  // `keel ask ORG --kind chat --on 2026-11-02`.
  Status AddAsk(const std::string& org) {
    Session session = NewSession();
    AskOptions options;
    options.org = org;
    options.kind = "chat";
    options.on = "2026-11-02";
    options.new_org = true;  // "Org 12" resembles "Org 13"; no near-miss question here
    return LogAsk(session, options).status();
  }

  // `keel import tracker.csv` of `rows` rows, each a new organization named after `prefix`.
  Status ImportRows(const std::string& prefix, int rows, std::vector<std::string>* orgs) {
    std::string csv = "Date Applied,Company,Status,Reply Date,Reason\n";
    for (int i = 0; i < rows; ++i) {
      const std::string org = fmt::format("{} {:04}", prefix, i);
      const bool no = i % 3 == 0;
      csv += fmt::format("2026-10-{:02},{},{},{},{}\n", i % 28 + 1, org, no ? "No" : "",
                         no ? "2026-11-20" : "",
                         no ? "they went with someone with more experience" : "");
      orgs->push_back(org);
    }
    Session session = NewSession();
    ImportCliOptions options;
    options.file = "tracker.csv";
    Result<ImportAnswer> answer = ImportText(session, options, csv);
    if (answer.ok() && answer->csv->imported != rows) {
      return Error{fmt::format("imported {} of {} rows", answer->csv->imported, rows)};
    }
    return answer.status();
  }

  // The organizations of every ask, sorted, as `keel list` reads them.
  Result<std::vector<std::string>> LedgerOrgs() {
    Session session = NewSession();
    Result<AskList> list = ListAsks(session, ListOptions{});
    if (!list.ok()) return list.status();
    std::vector<std::string> orgs;
    for (const Ask& ask : list->asks) orgs.push_back(ask.org);
    std::sort(orgs.begin(), orgs.end());
    return orgs;
  }

  // SQLite's own verdict on the file, from a connection of its own.
  std::string IntegrityCheck() {
    sqlite3* db = nullptr;
    std::string verdict = "cannot open";
    if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
      verdict.clear();
      sqlite3_stmt* stmt = nullptr;
      sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (!verdict.empty()) verdict += "; ";
        verdict += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      }
      if (sqlite3_finalize(stmt) != SQLITE_OK) verdict += sqlite3_errmsg(db);
    }
    sqlite3_close_v2(db);
    return verdict;
  }

  // A failure's message: one line, naming the ledger, what went wrong and the fix.
  void ExpectClearMessage(const Status& failed, int error) {
    const std::string& message = failed.message();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find(db_), std::string::npos) << "names the ledger: " << message;
    if ((error & 0xff) == SQLITE_FULL) {
      EXPECT_NE(message.find("is full; free some space and try again"), std::string::npos)
          << message;
    } else {
      EXPECT_NE(message.find("the disk reported an I/O error; check that the disk is connected"),
                std::string::npos)
          << message;
      EXPECT_EQ(failed.error().hint, "keel backup FILE copies it to another disk");
    }
  }

  // How an attempt ended.
  enum class Outcome { kFaultNotMet, kRefused, kGotThrough };

  // Runs `command` once with `fault` armed (at call k + 1; k = -1: never failing) and checks
  // what followed.
  Outcome Attempt(Fault fault, int64_t k, const Command& command, bool from_snapshot,
                  SweepTally* tally) {
    SCOPED_TRACE(k < 0 ? std::string("no fault") : fmt::format("fault at call {}", k + 1));
    if (from_snapshot) RestoreSnapshot();
    fault.after = k < 0 ? std::numeric_limits<int64_t>::max() : k;
    vfs_.Arm(fault);
    std::vector<std::string> added;
    Status done;
    try {
      done = command(k, &added);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "an exception escaped the command: " << e.what();
      done = Error{"exception"};
    }
    vfs_.Disarm();
    const bool met = vfs_.failures() > 0;
    if (k < 0) tally->calls = vfs_.calls();
    if (met) ++tally->points;
    if (done.ok()) {
      if (met) ++tally->got_through;
      acknowledged_.insert(acknowledged_.end(), added.begin(), added.end());
      std::sort(acknowledged_.begin(), acknowledged_.end());
    } else {
      ++tally->refused;
      EXPECT_TRUE(met) << "failed without a fault: " << done.message();
      ExpectClearMessage(done, fault.error);
    }
    // Reopened without the fault: whole, every acknowledged write there, the failed one not.
    const Result<std::vector<std::string>> orgs = LedgerOrgs();
    EXPECT_TRUE(orgs.ok()) << "reopening after the fault: " << orgs.message();
    if (orgs.ok()) {
      EXPECT_EQ(*orgs, acknowledged_)
          << "the ledger after the command " << (done.ok() ? "succeeded" : "failed");
    }
    EXPECT_EQ(IntegrityCheck(), "ok");
    if (!met) return Outcome::kFaultNotMet;
    return done.ok() ? Outcome::kGotThrough : Outcome::kRefused;
  }

  // Fails the command's 1st, 2nd, ... matching call until it gets through without meeting the
  // fault. Each attempt starts from the ledger the last one left.
  SweepTally SweepEveryCall(const Fault& fault, const Command& command) {
    SweepTally tally;
    for (int64_t k = 0; k < kMaxFaultPoints; ++k) {
      const Outcome outcome = Attempt(fault, k, command, /*from_snapshot=*/false, &tally);
      if (HasFailure()) return tally;  // the first broken point says it all
      if (outcome == Outcome::kFaultNotMet) {
        tally.calls = vfs_.calls();
        return tally;
      }
    }
    ADD_FAILURE() << "still meeting the fault after " << kMaxFaultPoints << " calls";
    return tally;
  }

  // The same for a long command: it runs once without the fault (counting its calls), then
  // meets the fault at the calls SpreadFaultPoints picks, and at every call between two picked
  // ones where the outcome changed (the last write of a commit, say, between a write that fails
  // the command and one SQLite or keel gets past). Each attempt starts from the snapshot
  // (TakeSnapshot), so that every one makes the same calls.
  SweepTally SweepSpread(const Fault& fault, const Command& command) {
    SweepTally tally;
    EXPECT_EQ(Attempt(fault, -1, command, /*from_snapshot=*/true, &tally), Outcome::kFaultNotMet);
    std::optional<std::pair<int64_t, Outcome>> last;
    for (const int64_t k : SpreadFaultPoints(tally.calls, kSpreadPoints)) {
      const Outcome outcome = Attempt(fault, k, command, /*from_snapshot=*/true, &tally);
      EXPECT_NE(outcome, Outcome::kFaultNotMet) << "call " << k + 1 << " not reached";
      if (last && last->second != outcome) {
        for (int64_t between = last->first + 1; between < k && !HasFailure(); ++between) {
          Attempt(fault, between, command, /*from_snapshot=*/true, &tally);
        }
      }
      if (HasFailure()) break;
      last.emplace(k, outcome);
    }
    return tally;
  }

  // What a sweep met, as a property of the test (in --gtest_output=xml).
  static void Report(const std::string& sweep, bool sticky, const SweepTally& t) {
    std::string key = fmt::format("{}_{}", sweep, sticky ? "sticky" : "once");
    std::replace(key.begin(), key.end(), ' ', '_');
    RecordProperty(key, fmt::format("{} calls, {} fault points, {} refused, {} got through",
                                    t.calls, t.points, t.refused, t.got_through));
  }

  // A ledger with a few asks, written without faults: most in the main file (the import's
  // checkpoint), the last in the WAL.
  void Seed() {
    std::vector<std::string> orgs = {"Acme", "Initrode"};
    ASSERT_TRUE(AddAsk("Acme").ok());
    ASSERT_TRUE(ImportRows("Seed", 40, &orgs).ok());
    ASSERT_TRUE(AddAsk("Initrode").ok());
    acknowledged_ = orgs;
    std::sort(acknowledged_.begin(), acknowledged_.end());
  }

  // Keeps the ledger's files as they are now (none, before the first command), and what they
  // hold, for RestoreSnapshot. No connection may be open.
  void TakeSnapshot() {
    std::filesystem::remove_all(dir_ / "snapshot");
    std::filesystem::create_directories(dir_ / "snapshot");
    for (const char* suffix : {"", "-wal"}) {
      if (std::filesystem::exists(db_ + suffix)) {
        std::filesystem::copy_file(db_ + suffix,
                                   (dir_ / "snapshot").string() + "/keel.db" + suffix);
      }
    }
    snapshot_acknowledged_ = acknowledged_;
  }
  // Puts the snapshot's files back in place of the ledger's (the -shm index is rebuilt).
  void RestoreSnapshot() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(db_ + suffix);
      const std::string kept = (dir_ / "snapshot").string() + "/keel.db" + suffix;
      if (std::filesystem::exists(kept)) std::filesystem::copy_file(kept, db_ + suffix);
    }
    acknowledged_ = snapshot_acknowledged_;
  }

  const Date today_ = Day("2026-11-26");
  FaultyVfs vfs_;  // the default VFS while the test runs; every store is closed before it goes
  std::filesystem::path dir_;
  std::string db_;
  std::vector<std::string> acknowledged_;  // sorted organizations of every acknowledged ask
  std::vector<std::string> snapshot_acknowledged_;
};

TEST(SqliteIoErrorSpreadTest, PicksEveryCallOfAShortCommandAndBothEndsOfALongOne) {
  EXPECT_EQ(SpreadFaultPoints(3, 24), (std::vector<int64_t>{0, 1, 2}));
  const std::vector<int64_t> long_one = SpreadFaultPoints(400, 24);
  EXPECT_EQ(long_one.size(), 24U);
  EXPECT_EQ(long_one.front(), 0);
  EXPECT_EQ(long_one[7], 7);
  EXPECT_EQ(long_one[16], 392);
  EXPECT_EQ(long_one.back(), 399);
  EXPECT_TRUE(std::is_sorted(long_one.begin(), long_one.end()));
}

TEST_F(SqliteIoErrorTest, AnAskMeetingAnIoErrorIsRefusedInOneLineAndLosesNothing) {
  Seed();
  for (const IoFaultKind& f : kIoFaultKinds) {
    for (const bool sticky : {false, true}) {
      SCOPED_TRACE(fmt::format("{} ({})", f.name, sticky ? "sticky" : "once"));
      const SweepTally t = SweepEveryCall(Fault{f.op, kFaultAnyFile, 0, f.error, sticky},
                                          [&](int64_t k, std::vector<std::string>* added) {
                                            const std::string org =
                                                fmt::format("{} {} {}", f.name, sticky, k);
                                            Status s = AddAsk(org);
                                            if (s.ok()) added->push_back(org);
                                            return s;
                                          });
      Report(fmt::format("ask {}", f.name), sticky, t);
      if (HasFailure()) return;
    }
  }
}

TEST_F(SqliteIoErrorTest, AnImportMeetingAnIoErrorIsRefusedWholeAndLosesNothing) {
  Seed();
  TakeSnapshot();
  int64_t run = 0;
  for (const IoFaultKind& f : kIoFaultKinds) {
    for (const bool sticky : {false, true}) {
      SCOPED_TRACE(fmt::format("{} ({})", f.name, sticky ? "sticky" : "once"));
      const SweepTally t =
          SweepSpread(Fault{f.op, kFaultAnyFile, 0, f.error, sticky},
                      [&](int64_t, std::vector<std::string>* added) {
                        std::vector<std::string> orgs;
                        Status s = ImportRows(fmt::format("Import {}", run++), 300, &orgs);
                        if (s.ok()) *added = std::move(orgs);
                        return s;
                      });
      Report(fmt::format("import {}", f.name), sticky, t);
      if (HasFailure()) return;
    }
  }
}

TEST_F(SqliteIoErrorTest, TheFirstAskOnANewLedgerMeetingAnIoErrorLeavesAUsableFile) {
  TakeSnapshot();  // of no ledger at all
  for (const IoFaultKind& f : kIoFaultKinds) {
    for (const bool sticky : {false, true}) {
      SCOPED_TRACE(fmt::format("{} ({})", f.name, sticky ? "sticky" : "once"));
      const SweepTally t = SweepSpread(Fault{f.op, kFaultAnyFile, 0, f.error, sticky},
                                       [&](int64_t, std::vector<std::string>* added) {
                                         Status s = AddAsk("Initech");
                                         if (s.ok()) added->push_back("Initech");
                                         return s;
                                       });
      Report(fmt::format("new ledger {}", f.name), sticky, t);
      if (HasFailure()) return;
    }
  }
}

TEST_F(SqliteIoErrorTest, AReadCommandMeetingAReadErrorFailsInOneLine) {
  Seed();
  const std::vector<std::string> all = acknowledged_;
  for (const bool sticky : {false, true}) {
    SCOPED_TRACE(sticky ? "sticky" : "once");
    // `keel list`: when it gets through, it lists every ask (a read error never hides a row).
    SweepTally t =
        SweepEveryCall(Fault{FaultOp::kRead, kFaultAnyFile, 0, SQLITE_IOERR_READ, sticky},
                       [&](int64_t, std::vector<std::string>*) -> Status {
                         Session session = NewSession();
                         Result<AskList> list = ListAsks(session, ListOptions{});
                         if (!list.ok()) return list.status();
                         EXPECT_EQ(list->asks.size(), all.size());
                         return Status();
                       });
    Report("list xRead", sticky, t);
    // `keel status`.
    t = SweepEveryCall(Fault{FaultOp::kRead, kFaultAnyFile, 0, SQLITE_IOERR_READ, sticky},
                       [&](int64_t, std::vector<std::string>*) -> Status {
                         Session session = NewSession();
                         Result<StatusReport> status = LedgerStatus(session);
                         return status.status();
                       });
    Report("status xRead", sticky, t);
    if (HasFailure()) return;
  }
}

// A disk that failed to read a page during the check before a write was reported as a damaged
// ledger ("is damaged (Page 56: unable to get the page. error code=266); ... restore a backup"),
// and a long-lived connection (keel serve's) kept that answer, refusing every later write.
TEST_F(SqliteIoErrorTest, AReadErrorInTheCheckBeforeAWriteIsNotCalledDamage) {
  Seed();
  // An import's checkpoint changes the main file: the next write checks it again.
  std::vector<std::string> imported;
  ASSERT_TRUE(ImportRows("More", 10, &imported).ok());
  acknowledged_.insert(acknowledged_.end(), imported.begin(), imported.end());
  Result<std::unique_ptr<Store>> store = OpenStore(db_);
  ASSERT_TRUE(store.ok()) << store.message();
  AskInput input;
  input.org = "Globex";
  input.kind = Kind::kChat;
  input.asked_on = Day("2026-11-02");
  vfs_.Arm(Fault{FaultOp::kRead, kFaultMainDb, 0, SQLITE_IOERR_READ, /*sticky=*/true});
  const Result<LedgerChange> refused = LogAsk(**store, input, today_);
  vfs_.Disarm();
  ASSERT_FALSE(refused.ok());
  EXPECT_GT(vfs_.failures(), 0);
  EXPECT_EQ(refused.message(),
            fmt::format("cannot read the database {}: the disk reported an I/O error; check that "
                        "the disk is connected and healthy, then try again",
                        db_));
  // The same connection writes once the disk reads again.
  const Result<LedgerChange> written = LogAsk(**store, input, today_);
  EXPECT_TRUE(written.ok()) << written.message();
  store->reset();
  acknowledged_.push_back("Globex");
  std::sort(acknowledged_.begin(), acknowledged_.end());
  EXPECT_EQ(LedgerOrgs().value(), acknowledged_);
  EXPECT_EQ(IntegrityCheck(), "ok");
}

}  // namespace
}  // namespace keel
