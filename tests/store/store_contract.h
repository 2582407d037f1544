// The Store contract test fixture, shared by store_contract_test.cc and
// store_undo_contract_test.cc. Each backend instantiates them once: sqlite_backend_test.cc,
// tests/pg/pg_backend_test.cc.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "support/dates.h"

namespace keel {

struct StoreBackend {
  std::string name;
  std::function<std::unique_ptr<Store>()> open;
};
inline void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }

inline std::string OptionalIso(const std::optional<Date>& date) {
  return date ? date->ToIso() : "-";
}

// Everything a person can see of the ledger, as text, so that a mismatch prints a readable diff.
inline std::string Dump(Store& store) {
  // Copies first: a range-for over value() of a temporary Result would dangle.
  const std::vector<Named> orgs = store.Organizations().value();
  const std::vector<Named> contacts = store.Contacts().value();
  const std::vector<Ask> asks = store.ListAsks().value();
  std::string out;
  for (const Named& o : orgs) out += fmt::format("org {} {}\n", o.id, o.name);
  for (const Named& c : contacts) out += fmt::format("contact {} {}\n", c.id, c.name);
  for (const Ask& a : asks) {
    std::vector<std::string> follow_ups;
    for (Date d : a.follow_ups) follow_ups.push_back(d.ToIso());
    out += fmt::format(
        "ask {} {} org={} person={} {} {} {} replied={} until={} reason={} materials={} role={} "
        "note={} follow_ups={}\n",
        a.id, a.asked_on.ToIso(), a.org, a.person, Name(a.kind), Name(a.channel), Name(a.outcome),
        OptionalIso(a.replied_on), OptionalIso(a.until), a.reason, fmt::join(a.materials, ";"),
        a.role, a.note, fmt::join(follow_ups, ";"));
  }
  const std::vector<AnswerRecord> earlier = store.EarlierAnswers(0).value();
  for (const AnswerRecord& e : earlier) {
    out += fmt::format("earlier answer of {}: {} replied={} until={} reason={} theme={}\n",
                       e.ask_id, Name(e.outcome), OptionalIso(e.replied_on), OptionalIso(e.until),
                       e.reason, e.reason_theme.value_or("-"));
  }
  return out;
}

// The running tallies as the store keeps them, one sorted line per non-zero count.
inline std::string StoredTallies(Store& store) {
  std::vector<std::string> lines;
  for (const char* dim : {"all", "kind", "channel", "month", "material"}) {
    const std::vector<Tally> tallies = store.Tallies(dim).value();
    for (const Tally& t : tallies) {
      lines.push_back(fmt::format("tally {} {} {} {}", dim, t.key, Name(t.outcome), t.n));
    }
  }
  const std::vector<DayCount> delays = store.ReplyDelays().value();
  for (const DayCount& d : delays) lines.push_back(fmt::format("delay {} {}", d.days, d.n));
  const std::vector<DateCount> waiting = store.WaitingByDate().value();
  for (const DateCount& d : waiting) {
    lines.push_back(fmt::format("waiting {} {}", d.date.ToIso(), d.n));
  }
  std::sort(lines.begin(), lines.end());
  return fmt::format("{}", fmt::join(lines, "\n"));
}

// The same tallies recomputed from the asks and their earlier answers, as the Store interface
// documents them: the no-reply curve counts each ask's first answer.
inline std::string TalliesFromAsks(const std::vector<Ask>& asks,
                                   const std::vector<AnswerRecord>& earlier = {}) {
  std::map<Id, const AnswerRecord*> first;
  for (const AnswerRecord& e : earlier) first.emplace(e.ask_id, &e);  // oldest first per ask
  std::map<std::string, int64_t> counts;
  for (const Ask& a : asks) {
    if (auto it = first.find(a.id); it != first.end()) {
      if (it->second->replied_on)
        ++counts[fmt::format("delay {}", *it->second->replied_on - a.asked_on)];
      const std::string_view outcome = Name(a.outcome);
      ++counts[fmt::format("tally all  {}", outcome)];
      ++counts[fmt::format("tally kind {} {}", Name(a.kind), outcome)];
      ++counts[fmt::format("tally channel {} {}", Name(a.channel), outcome)];
      ++counts[fmt::format("tally month {} {}", a.asked_on.ToIso().substr(0, 7), outcome)];
      for (const std::string& m : a.materials)
        ++counts[fmt::format("tally material {} {}", m, outcome)];
      continue;
    }
    const std::string_view outcome = Name(a.outcome);
    ++counts[fmt::format("tally all  {}", outcome)];
    ++counts[fmt::format("tally kind {} {}", Name(a.kind), outcome)];
    ++counts[fmt::format("tally channel {} {}", Name(a.channel), outcome)];
    ++counts[fmt::format("tally month {} {}", a.asked_on.ToIso().substr(0, 7), outcome)];
    for (const std::string& m : a.materials)
      ++counts[fmt::format("tally material {} {}", m, outcome)];
    if (IsReply(a.outcome) && a.replied_on) {
      ++counts[fmt::format("delay {}", *a.replied_on - a.asked_on)];
    }
    if (a.outcome == Outcome::kPending || a.outcome == Outcome::kSilent) {
      ++counts[fmt::format("waiting {}", a.asked_on.ToIso())];
    }
  }
  std::vector<std::string> lines;
  for (const auto& [key, n] : counts) lines.push_back(fmt::format("{} {}", key, n));
  std::sort(lines.begin(), lines.end());
  return fmt::format("{}", fmt::join(lines, "\n"));
}

class StoreContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open();
    ASSERT_NE(store_, nullptr);
  }

  // Runs `body` in one committed write transaction.
  void Write(const std::function<void(Store&)>& body, std::string_view summary = "test") {
    ASSERT_TRUE(store_->BeginWrite(summary).ok());
    body(*store_);
    const Status committed = store_->Commit();
    ASSERT_TRUE(committed.ok()) << committed.message();
  }

  Id AddOrg(std::string_view name) { return store_->AddOrganization(name).value(); }

  AskRecord Record(Id org, const char* asked_on, Outcome outcome = Outcome::kPending) {
    AskRecord r;
    r.asked_on = Day(asked_on);
    r.org_id = org;
    r.kind = Kind::kApplication;
    r.channel = Channel::kJobBoard;
    r.outcome = outcome;
    if (IsReply(outcome)) r.replied_on = r.asked_on + 3;
    return r;
  }

  // The tallies must always agree with the asks they summarize.
  void ExpectTalliesMatchAsks() {
    EXPECT_EQ(StoredTallies(*store_),
              TalliesFromAsks(store_->ListAsks().value(), store_->EarlierAnswers(0).value()));
  }

  std::unique_ptr<Store> store_;
};

}  // namespace keel
