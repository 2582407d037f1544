#include "server/unsubscribe_page.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/digests.h"
#include "app/enrolments.h"
#include "core/text.h"

namespace keel {
namespace {

constexpr std::string_view kPrefix = "/unsubscribe/";

std::string Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// A plain page of our own: no script, no outside resource, a form that posts back to itself.
HttpResponse Page(int status, std::string_view title, const std::string& body_html) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{0} - keel</title><style>body{{font-family:system-ui,sans-serif;max-width:34em;"
      "margin:3em auto;padding:0 1em;line-height:1.5}}button{{font:inherit;padding:.5em 1em}}"
      "</style></head><body><h1>{0}</h1>\n{1}\n</body></html>\n",
      Escaped(title), body_html);
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                         "frame-ancestors 'none'");
  return r;
}

// "a…@example.com": enough to know which address, not a full address for whoever holds the link.
std::string Masked(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return "your address";
  return std::string(email.substr(0, 1)) + "…" + std::string(email.substr(at));
}

// What the list's mail is, in words.
std::string WhatStops(Practice& practice, const MailList& list) {
  if (list.list.starts_with("enrolment:")) {
    std::string title = "a program";
    const Result<int64_t> id = ParseId(std::string_view(list.list).substr(10), "an enrolment");
    Result<std::optional<EnrolmentRecord>> e =
        id.ok() ? practice.FindEnrolment(*id)
                : Result<std::optional<EnrolmentRecord>>(std::nullopt);
    Result<std::vector<Program>> programs = AllPrograms(practice);
    if (e.ok() && *e && programs.ok()) {
      for (const Program& p : *programs) {
        if (p.name == (*e)->program) title = "“" + p.title + "”";
      }
    }
    return "the daily lessons of " + title;
  }
  if (list.list == kRemindersList) return "the daily digest of what is due in your search";
  if (list.list == kRosterDigestList) return "the daily digest of your clients who need a look";
  return "the mail about questions to a coach (answers, and coaches' reminders)";
}

}  // namespace

HttpResponse UnsubscribeRoute(std::string_view method, std::string_view path, Practice& practice,
                              Instant now) {
  const std::string_view token = path.substr(kPrefix.size());
  const bool well_formed =
      token.size() == 64 && std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      });
  Result<std::optional<MailList>> list =
      well_formed ? practice.FindMailList(token) : Result<std::optional<MailList>>(std::nullopt);
  if (!list.ok()) {
    return Page(503, "Please try again",
                "<p>keel could not read its records just now; nothing was changed. Try again in "
                "a minute.</p>");
  }
  if (!*list) {
    return Page(404, "This link is not known",
                "<p>keel has no mail list for this link. Check that the whole link was copied "
                "from the mail.</p>");
  }
  const MailList& l = **list;
  const std::string what = Escaped(WhatStops(practice, l));
  const std::string who = Escaped(Masked(l.account_email));
  if (method == "POST") {
    if (Status done = practice.Unsubscribe(token, UtcIso(now)); !done.ok()) {
      return Page(503, "Please try again",
                  "<p>keel could not record it just now; you are still subscribed. Try again in "
                  "a minute.</p>");
    }
    return Page(200, "Unsubscribed",
                fmt::format("<p>Done: {} will no longer be sent to {}. Everything stays on your "
                            "page.</p>",
                            what, who));
  }
  if (!l.unsubscribed_at.empty()) {
    return Page(200, "Already unsubscribed",
                fmt::format("<p>Stopped since {} (UTC): {}, to {}.</p>", Escaped(l.unsubscribed_at),
                            what, who));
  }
  return Page(200, "Unsubscribe?",
              fmt::format("<p>This stops {} to {}. Nothing else changes: your search, your "
                          "program and your questions stay as they are.</p>\n"
                          "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                          "value=\"One-Click\"><button type=\"submit\">Unsubscribe</button>"
                          "</form>",
                          what, who));
}

}  // namespace keel
