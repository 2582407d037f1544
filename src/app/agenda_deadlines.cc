// Why only saved postings: the deadline is the day applications close. Once the seeker has logged
// an ask for the role (applied, or reached someone there), the agenda's follow-ups take over and
// a reminder to apply would be noise.
#include "app/agenda_deadlines.h"

#include <fmt/format.h>

#include "app/postings.h"

namespace keel {

Result<std::vector<AgendaDeadline>> ListDeadlines(Store& store, Date today) {
  Result<std::vector<Posting>> postings =
      store.PostingsWithDeadline(today, today + kDeadlineDaysAhead);
  if (!postings.ok()) return postings.status();
  std::vector<AgendaDeadline> out;
  for (Posting& p : *postings) {
    if (p.asks > 0 || !p.record.deadline) continue;
    const int32_t left = *p.record.deadline - today;
    out.push_back(AgendaDeadline{std::move(p), left});
  }
  return out;
}

Json DeadlinesJson(const std::vector<AgendaDeadline>& deadlines) {
  Json out = Json::array();
  for (const AgendaDeadline& d : deadlines) {
    const PostingRecord& r = d.posting.record;
    out.push_back(Json{{"posting", r.id},
                       {"org", d.posting.org},
                       {"role", d.posting.role},
                       {"deadline", r.deadline->ToIso()},
                       {"days_left", d.days_left},
                       {"url", r.url.empty() ? Json(nullptr) : Json(r.url)}});
  }
  return out;
}

std::string DaysLeftText(int32_t days_left) {
  if (days_left == 0) return "today";
  if (days_left == 1) return "tomorrow";
  return fmt::format("in {} days", days_left);
}

void AddDeadlineTodos(IcsWriter& ics, const std::vector<AgendaDeadline>& deadlines) {
  for (const AgendaDeadline& d : deadlines) {
    const PostingRecord& r = d.posting.record;
    std::string description =
        fmt::format("The posting's deadline; you saved it on {}. keel posting show {}",
                    r.saved_on.ToIso(), r.id);
    if (!r.url.empty()) description += "\n" + r.url;
    ics.AddTodo(IcsTodo{fmt::format("keel-posting-{}-deadline-{}@keel", r.id, IcsDate(*r.deadline)),
                        *r.deadline, fmt::format("Apply: {}, {}", d.posting.org, d.posting.role),
                        description});
  }
}

}  // namespace keel
