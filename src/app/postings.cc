// Why postings work this way:
//
// - A posting hangs off the opportunity (the role at the organization), created or reused the way
//   `keel ask --role` does, with the same near-miss check on the organization's name: a posting
//   saved for "Acme Corp" and an application logged for "Acme" must land on one organization, or
//   the pipeline would show two roles.
// - One posting per opportunity: saving the same role twice is almost always a slip, and two
//   descriptions of one role would make search show it twice. The second add is a conflict that
//   names the posting to edit instead.
// - The description is stored as given, never fetched: keel makes no network requests, and a
//   posting taken down next week is exactly the one the seeker wants to read again before the
//   interview. It is bounded (1 MiB of file, kMaxDocumentChars characters) and checked like every
//   other text (UTF-8, no terminal control codes).
// - A deadline may be given in every form a date can take (tomorrow, +2w, an ISO date); one that
//   has passed is allowed (the posting is worth keeping) with a warning.
// - Validation happens before the transaction, so bad input never opens one.
#include "app/postings.h"

#include <fmt/format.h>

#include <charconv>

#include "app/names.h"
#include "app/transaction.h"
#include "app/validate.h"
#include "core/text.h"
#include "io/file.h"

namespace keel {
namespace {

// The validated, normalised fields of a posting, ready to store.
struct Fields {
  std::string url;
  std::string description;
  std::optional<Date> deadline;
  std::optional<int64_t> salary_min, salary_max;
  std::string location;
  std::string note;
};

Result<std::string> ReadDescription(const std::string& path) {
  Result<std::string> text = ReadWholeFile(
      path, ReadLimit{kMaxDescriptionFileBytes, "a posting's description",
                      "save only the posting's text (a long posting is under 50 KB)"});
  if (!text.ok()) return InField("description_file", text.error());
  return text;
}

Result<std::optional<Date>> ParseDeadline(const std::string& text, Date today) {
  if (Trim(text).empty()) return std::optional<Date>();
  Result<Date> date = ParseFutureDate(Trim(text), today);
  if (!date.ok()) return InField("deadline", date.error());
  return std::optional<Date>(*date);
}

Status CheckDescription(const std::string& description, bool from_file) {
  return CheckInputTexts({{description, "the description", TextRule::kDocument,
                           from_file ? "description_file" : "description"}});
}

// Parses and checks the fields every posting write shares; `warnings` gets a passed deadline.
Status SetSalary(const std::string& range, Fields* f) {
  f->salary_min.reset();
  f->salary_max.reset();
  if (Trim(range).empty()) return Status();
  Result<std::pair<int64_t, int64_t>> parsed = ParseSalaryRange(range);
  if (!parsed.ok()) return parsed.status();
  f->salary_min = parsed->first;
  f->salary_max = parsed->second;
  return Status();
}

Status SetUrl(const std::string& url, Fields* f) {
  f->url = std::string(Trim(url));
  if (f->url.empty()) return Status();
  return CheckPostingUrl(f->url);
}

Status CheckNames(std::string_view org, std::string_view role, std::string_view location,
                  std::string_view note) {
  using enum TextRule;
  return CheckInputTexts({{org, "the organization", kName, "org"},
                          {role, "the role", kName, "role"},
                          {location, "the location", kName, "location"},
                          {note, "the note", kText, "note"}});
}

void WarnPassedDeadline(const Fields& f, Date today, PostingChange* change) {
  if (f.deadline && *f.deadline < today) {
    change->warnings.push_back(fmt::format(
        "the deadline ({}) has passed; the posting is kept all the same", f.deadline->ToIso()));
  }
}

// The posting's opportunity: the organization resolved (near misses refused unless new_org)
// and the role created on first use. Fails when the role is empty.
Result<Id> ResolveOpportunity(Store& store, const std::string& org, const std::string& role,
                              bool new_org, std::vector<std::string>* notices) {
  const std::string title = CollapseSpaces(role);
  if (title.empty()) {
    return Error{"say which role the posting is for, like 'Data Engineer'", ErrorCode::kInvalid,
                 "role"};
  }
  Result<Id> org_id = ResolveOrganization(store, org, new_org, notices);
  if (!org_id.ok()) return org_id.status();
  return store.EnsureOpportunity(*org_id, title);
}

// The opportunity already has a posting other than `self`: that one is to be edited instead.
Status CheckOnePerRole(Store& store, Id opportunity_id, Id self) {
  Result<std::vector<Posting>> existing = store.PostingsOf(opportunity_id);
  if (!existing.ok()) return existing.status();
  for (const Posting& p : *existing) {
    if (p.record.id == self) continue;
    return Error{fmt::format("{} at {} is already saved as posting #{}: change that one rather "
                             "than saving the role twice",
                             p.role, p.org, p.record.id),
                 ErrorCode::kConflict, "role", "",
                 fmt::format("'keel posting edit {}' changes it", p.record.id)};
  }
  return Status();
}

Result<PostingChange> Reload(Store& store, Id id, PostingChange change) {
  Result<Posting> posting = FindPosting(store, id);
  if (!posting.ok()) return posting.status();
  change.posting = std::move(posting).value();
  return change;
}

std::string Grouped(int64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

Result<std::pair<int64_t, int64_t>> ParseSalaryRange(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  auto bad = [&] {
    return Error{fmt::format("the salary range '{}' is not MIN-MAX in whole numbers; give it "
                             "like 90000-120000",
                             Clip(trimmed, 40)),
                 ErrorCode::kInvalid, "salary_range", "the salary range"};
  };
  auto number = [](std::string_view digits) -> std::optional<int64_t> {
    digits = Trim(digits);
    if (digits.empty() || digits.size() > 12) return std::nullopt;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value < 0) return std::nullopt;
    return value;
  };
  const size_t dash = trimmed.find('-');
  if (dash == 0) return bad();  // a negative number, or nothing before the dash
  std::optional<int64_t> low = number(trimmed.substr(0, dash));
  std::optional<int64_t> high =
      dash == std::string_view::npos ? low : number(trimmed.substr(dash + 1));
  if (!low || !high) return bad();
  if (*low > *high) {
    return Error{fmt::format("the salary range {}-{} runs backwards; give the lower number first, "
                             "like {}-{}",
                             *low, *high, *high, *low),
                 ErrorCode::kInvalid, "salary_range", "the salary range"};
  }
  return std::pair{*low, *high};
}

Status CheckPostingUrl(std::string_view url) {
  KEEL_RETURN_IF_ERROR(CheckInputTexts({{url, "the URL", TextRule::kName, "url"}}));
  const std::string lower = Lower(url.substr(0, 8));
  const size_t scheme = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
  const std::string_view host = scheme == 0
                                    ? std::string_view()
                                    : url.substr(scheme, url.find_first_of("/?#", scheme) - scheme);
  if (scheme == 0 || host.empty()) {
    return Error{fmt::format("'{}' is not a web address; give the posting's URL starting with "
                             "https:// (or http://)",
                             Clip(url, 60)),
                 ErrorCode::kInvalid, "url"};
  }
  if (url.find_first_of(" \t") != std::string_view::npos) {
    return Error{fmt::format("the URL '{}' contains a space; copy it again from the address bar",
                             Clip(url, 60)),
                 ErrorCode::kInvalid, "url", "the URL"};
  }
  if (CountCodePoints(url) > kMaxUrlChars) {
    return Error{fmt::format("the URL is {} characters long; give the posting's address without "
                             "its tracking part (at most {})",
                             Grouped(static_cast<int64_t>(CountCodePoints(url))),
                             Grouped(static_cast<int64_t>(kMaxUrlChars))),
                 ErrorCode::kInvalid, "url", "the URL"};
  }
  return Status();
}

std::string SalaryRangeText(const PostingRecord& p) {
  if (!p.salary_min || !p.salary_max) return "";
  if (*p.salary_min == *p.salary_max) return Grouped(*p.salary_min);
  return fmt::format("{}–{}", Grouped(*p.salary_min), Grouped(*p.salary_max));
}

std::string Describe(const Posting& p) {
  return fmt::format("#{} ({}, {})", p.record.id, p.org, p.role);
}

Result<Posting> FindPosting(Store& store, Id id) {
  Result<std::optional<Posting>> posting = store.GetPosting(id);
  if (!posting.ok()) return posting.status();
  if (!*posting) {
    return Error{fmt::format("there is no posting #{}", id), ErrorCode::kNotFound, "id", "",
                 "see 'keel posting list' for the ids"};
  }
  return std::move(**posting);
}

Result<std::vector<Posting>> ListPostings(Store& store) {
  return InSnapshot<std::vector<Posting>>(
      store, [&] { return store.ListPostings(kDescriptionExcerptChars); });
}

Result<PostingChange> AddPosting(Store& store, const PostingInput& in, Date today) {
  KEEL_RETURN_IF_ERROR(CheckNames(in.org, in.role, in.location, in.note));
  if (CollapseSpaces(in.org).empty()) {
    return Error{"say which organization posted the role, like 'Acme'", ErrorCode::kInvalid, "org"};
  }
  if (CollapseSpaces(in.role).empty()) {
    return Error{"say which role the posting is for, like 'Data Engineer'", ErrorCode::kInvalid,
                 "role"};
  }
  Fields f;
  KEEL_RETURN_IF_ERROR(SetUrl(in.url, &f));
  if (in.description_file) {
    Result<std::string> text = ReadDescription(*in.description_file);
    if (!text.ok()) return text.status();
    f.description = std::move(text).value();
  } else {
    f.description = in.description;
  }
  KEEL_RETURN_IF_ERROR(CheckDescription(f.description, in.description_file.has_value()));
  Result<std::optional<Date>> deadline = ParseDeadline(in.deadline, today);
  if (!deadline.ok()) return deadline.status();
  f.deadline = *deadline;
  KEEL_RETURN_IF_ERROR(SetSalary(in.salary_range, &f));
  f.location = CollapseSpaces(in.location);
  f.note = in.note;

  const std::string summary =
      fmt::format("posting {} ({})", CollapseSpaces(in.org), CollapseSpaces(in.role));
  return InTransaction<PostingChange>(store, summary, [&]() -> Result<PostingChange> {
    PostingChange change;
    Result<Id> opportunity =
        ResolveOpportunity(store, in.org, in.role, in.new_org, &change.notices);
    if (!opportunity.ok()) return opportunity.status();
    KEEL_RETURN_IF_ERROR(CheckOnePerRole(store, *opportunity, 0));
    PostingRecord record{0,          *opportunity, today,        f.url,      f.description,
                         f.deadline, f.salary_min, f.salary_max, f.location, f.note};
    Result<Id> id = store.AddPosting(record);
    if (!id.ok()) return id.status();
    WarnPassedDeadline(f, today, &change);
    return Reload(store, *id, std::move(change));
  });
}

Result<PostingChange> EditPosting(Store& store, Id id, const PostingEdit& e, Date today) {
  KEEL_RETURN_IF_ERROR(CheckNames(e.org.value_or(""), e.role.value_or(""), e.location.value_or(""),
                                  e.note.value_or("")));
  if (e.org && CollapseSpaces(*e.org).empty()) {
    return Error{"the organization cannot be empty; give its name, like 'Acme'",
                 ErrorCode::kInvalid, "org"};
  }
  if (e.role && CollapseSpaces(*e.role).empty()) {
    return Error{"the role cannot be empty; give it, like 'Data Engineer'", ErrorCode::kInvalid,
                 "role"};
  }
  std::optional<std::string> description = e.description;
  if (e.description_file) {
    Result<std::string> text = ReadDescription(*e.description_file);
    if (!text.ok()) return text.status();
    description = std::move(text).value();
  }
  if (description) {
    KEEL_RETURN_IF_ERROR(CheckDescription(*description, e.description_file.has_value()));
  }
  Fields parsed;
  if (e.url) KEEL_RETURN_IF_ERROR(SetUrl(*e.url, &parsed));
  if (e.salary_range) KEEL_RETURN_IF_ERROR(SetSalary(*e.salary_range, &parsed));
  if (e.deadline) {
    Result<std::optional<Date>> deadline = ParseDeadline(*e.deadline, today);
    if (!deadline.ok()) return deadline.status();
    parsed.deadline = *deadline;
  }

  return InTransaction<PostingChange>(
      store, fmt::format("edit posting #{}", id), [&]() -> Result<PostingChange> {
        Result<Posting> old = FindPosting(store, id);
        if (!old.ok()) return old.status();
        PostingChange change;
        PostingRecord record = old->record;
        if (e.org || e.role) {
          Result<Id> opportunity =
              ResolveOpportunity(store, e.org.value_or(old->org), e.role.value_or(old->role),
                                 e.new_org, &change.notices);
          if (!opportunity.ok()) return opportunity.status();
          KEEL_RETURN_IF_ERROR(CheckOnePerRole(store, *opportunity, id));
          record.opportunity_id = *opportunity;
        }
        if (e.url) record.url = parsed.url;
        if (description) record.description = *description;
        if (e.deadline) record.deadline = parsed.deadline;
        if (e.salary_range) {
          record.salary_min = parsed.salary_min;
          record.salary_max = parsed.salary_max;
        }
        if (e.location) record.location = CollapseSpaces(*e.location);
        if (e.note) record.note = *e.note;
        KEEL_RETURN_IF_ERROR(store.UpdatePosting(record));
        if (e.deadline) {
          Fields f;
          f.deadline = record.deadline;
          WarnPassedDeadline(f, today, &change);
        }
        return Reload(store, id, std::move(change));
      });
}

Result<Posting> RemovePosting(Store& store, Id id) {
  return InTransaction<Posting>(store, fmt::format("remove posting #{}", id),
                                [&]() -> Result<Posting> {
                                  Result<Posting> old = FindPosting(store, id);
                                  if (!old.ok()) return old.status();
                                  KEEL_RETURN_IF_ERROR(store.DeletePosting(id));
                                  return old;
                                });
}

Json PostingJson(const Posting& p) {
  const PostingRecord& r = p.record;
  Json j;
  j["id"] = r.id;
  j["org"] = p.org;
  j["role"] = p.role;
  j["opportunity_id"] = r.opportunity_id;
  j["saved_on"] = r.saved_on.ToIso();
  j["url"] = r.url.empty() ? Json(nullptr) : Json(r.url);
  j["deadline"] = DateJson(r.deadline);
  j["salary_min"] = r.salary_min ? Json(*r.salary_min) : Json(nullptr);
  j["salary_max"] = r.salary_max ? Json(*r.salary_max) : Json(nullptr);
  j["location"] = r.location;
  j["note"] = r.note;
  j["description"] = r.description;
  j["description_chars"] = p.description_chars;
  j["asks"] = p.asks;
  return j;
}

}  // namespace keel
