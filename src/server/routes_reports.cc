// GET routes for the statistics, the agenda and the page's vocabulary: each answers what the CLI
// command of the same name prints with --json.
#include "app/report_views.h"
#include "app/use_plans.h"
#include "app/use_reports.h"
#include "app/vocabulary.h"
#include "server/routes.h"

namespace keel {

void AddReportRoutes(RouteTable& t) {
  t.Get("stats", [](const ApiRequest& r) {
    const std::string by = Query(r, "by").value_or("");
    return Cacheable(AnswerJson([by](Session& s) { return Then(Stats(s, by), StatsJson); }));
  });
  t.Get("streak", [](const ApiRequest&) {
    return Cacheable(AnswerJson([](Session& s) { return Then(Streak(s), StreakJson); }));
  });
  t.Get("forecast", [](const ApiRequest&) {
    return Cacheable(AnswerJson([](Session& s) { return Then(Forecast(s), ForecastJson); }));
  });
  t.Get("silence", [](const ApiRequest&) {
    return Cacheable(AnswerJson([](Session& s) {
      return Then(Silence(s), [&](const SilenceReport& r) { return SilenceJson(r, s.today); });
    }));
  });
  t.Get("agenda", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(TodaysAgenda(s), AgendaJson); });
  });
  t.Get("agenda.ics", [](const ApiRequest&) -> Result<Planned> {
    Planned planned;
    planned.answer = [](Session& s) -> Result<Reply> {
      Result<Agenda> agenda = TodaysAgenda(s);
      if (!agenda.ok()) return agenda.status();
      return Reply{AgendaIcs(*agenda), "text/calendar; charset=utf-8"};
    };
    return planned;
  });
  // The enums the page builds its forms from; no store is opened.
  t.Get("meta", [](const ApiRequest&) {
    return AnswerJson([](Session&) -> Result<Json> { return VocabularyJson(); });
  });
}

}  // namespace keel
