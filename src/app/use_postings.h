// What a Session does with the postings it saved: add, edit, remove, list and show them. Each
// opens the Session's store (no horizon: a posting counts in no statistic) and calls app/postings;
// the *Json functions are the one JSON shape `keel --json posting ...` prints and the page reads.
#pragma once

#include <vector>

#include "app/postings.h"
#include "app/requests.h"
#include "app/session.h"
#include "app/views.h"

namespace keel {

Result<PostingChange> AddPosting(Session& session, const PostingAddOptions& options);
Result<PostingChange> EditPosting(Session& session, const PostingEditOptions& options);
/// The posting as it was; its role and asks stay.
Result<Posting> RemovePosting(Session& session, Id id);
/// Every posting, deadline soonest first, descriptions cut to their excerpt.
Result<std::vector<Posting>> Postings(Session& session);
/// One posting, its description whole.
Result<Posting> ShowPosting(Session& session, Id id);

/// The posting with its notices and warnings as "notices" (the CLI-only hints stay out).
Json PostingChangeJson(const PostingChange& change);
Json PostingsJson(const std::vector<Posting>& postings);

}  // namespace keel
