#include "app/use_postings.h"

namespace keel {

Result<PostingChange> AddPosting(Session& session, const PostingAddOptions& o) {
  const PostingInput input{o.org,         o.role,     o.url,          o.description_file,
                           o.description, o.deadline, o.salary_range, o.location,
                           o.note,        o.new_org};
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return AddPosting(**store, input, session.today);
}

Result<PostingChange> EditPosting(Session& session, const PostingEditOptions& o) {
  const PostingEdit edit{o.org,      o.role,         o.url,      o.description, o.description_file,
                         o.deadline, o.salary_range, o.location, o.note,        o.new_org};
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return EditPosting(**store, o.id, edit, session.today);
}

Result<Posting> RemovePosting(Session& session, Id id) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return RemovePosting(**store, id);
}

Result<std::vector<Posting>> Postings(Session& session) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return ListPostings(**store);
}

Result<Posting> ShowPosting(Session& session, Id id) {
  Result<std::shared_ptr<Store>> store = session.OpenStore(/*with_horizon=*/false);
  if (!store.ok()) return store.status();
  return FindPosting(**store, id);
}

Json PostingChangeJson(const PostingChange& change) {
  Json j = PostingJson(change.posting);
  AddNotices(j, change.notices);
  AddNotices(j, change.warnings);
  return j;
}

Json PostingsJson(const std::vector<Posting>& postings) {
  Json j = Json::array();
  for (const Posting& p : postings) j.push_back(PostingJson(p));
  return j;
}

}  // namespace keel
