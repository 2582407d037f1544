// GET /api/pipeline: every role by stage with its history, and the funnel; the bytes of
// `keel --json pipeline` (the board on the page reads it).
#include "app/use_plans.h"
#include "server/routes.h"

namespace keel {

void AddPipelineRoutes(RouteTable& t) {
  t.Get("pipeline", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Pipeline(s), PipelineJson); });
  });
}

}  // namespace keel
