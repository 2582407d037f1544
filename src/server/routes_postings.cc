// The postings' routes: GET postings (keel posting list) and posting?id= (keel posting show), POST
// posting/add, posting/edit and posting/remove, each answered by app/use_postings as the CLI
// command is. A description pasted on the page travels in the body, so add and edit read up to
// 1 MiB, like pasted material text. Search is GET list?search= (routes_ledger.cc), keel list
// --search.
#include "app/use_postings.h"
#include "server/routes.h"

namespace keel {
namespace {

// The posting's id, required, from 1 (Body::Id speaks of an ask's id).
Status PostingId(const Body& b, int64_t* out) {
  std::optional<int64_t> id;
  KEEL_RETURN_IF_ERROR(b.Integer("id", &id));
  if (!id) return Error{"give the posting's id", ErrorCode::kInvalid, "id"};
  if (*id < 1) return Error{"a posting's id is a whole number from 1", ErrorCode::kInvalid, "id"};
  *out = *id;
  return Status();
}

Result<Planned> AddRoute(const Body& b) {
  PostingAddOptions o;
  for (const auto& [key, field] :
       {std::pair{"org", &o.org}, std::pair{"role", &o.role}, std::pair{"url", &o.url},
        std::pair{"description", &o.description}, std::pair{"deadline", &o.deadline},
        std::pair{"salary_range", &o.salary_range}, std::pair{"location", &o.location},
        std::pair{"note", &o.note}}) {
    KEEL_RETURN_IF_ERROR(b.Text(key, field));
  }
  KEEL_RETURN_IF_ERROR(b.Flag("new_org", &o.new_org));
  if (o.org.empty()) {
    return Error{"say which organization posted the role", ErrorCode::kInvalid, "org"};
  }
  if (o.role.empty())
    return Error{"say which role the posting is for", ErrorCode::kInvalid, "role"};
  return AnswerJson([o](Session& s) { return Then(AddPosting(s, o), PostingChangeJson); });
}

Result<Planned> PostingEditRoute(const Body& b) {
  PostingEditOptions o;
  KEEL_RETURN_IF_ERROR(PostingId(b, &o.id));
  for (const auto& [key, field] :
       {std::pair{"org", &o.org}, std::pair{"role", &o.role}, std::pair{"url", &o.url},
        std::pair{"description", &o.description}, std::pair{"deadline", &o.deadline},
        std::pair{"salary_range", &o.salary_range}, std::pair{"location", &o.location},
        std::pair{"note", &o.note}}) {
    KEEL_RETURN_IF_ERROR(b.Text(key, field));
  }
  KEEL_RETURN_IF_ERROR(b.Flag("new_org", &o.new_org));
  return AnswerJson([o](Session& s) { return Then(EditPosting(s, o), PostingChangeJson); });
}

}  // namespace

void AddPostingRoutes(RouteTable& t) {
  t.Get("postings", [](const ApiRequest&) {
    return AnswerJson([](Session& s) { return Then(Postings(s), PostingsJson); });
  });
  t.Get("posting", [](const ApiRequest& r) -> Result<Planned> {
    Result<int> id = QueryInt(r, "id", 1, 2147483647, 0);
    if (!id.ok()) return id.error();
    if (*id == 0) return Error{"give the posting's id", ErrorCode::kInvalid, "id"};
    const int64_t posting = *id;
    return AnswerJson([posting](Session& s) { return Then(ShowPosting(s, posting), PostingJson); });
  });
  t.Post("posting/add", AddRoute, kMaxMaterialBody);
  t.Post("posting/edit", PostingEditRoute, kMaxMaterialBody);
  t.Post("posting/remove", [](const Body& b) -> Result<Planned> {
    int64_t id = 0;
    KEEL_RETURN_IF_ERROR(PostingId(b, &id));
    return AnswerJson([id](Session& s) { return Then(RemovePosting(s, id), PostingJson); });
  });
}

}  // namespace keel
