// The restore of a backup (app/import_json.h), one record kind at a time: asks with their
// answers, materials and follow-ups (import_json_restorer.cc), then the records that point at
// asks or stand alone (import_json_records.cc). Every value is checked, by its JSON path, before
// the database sees it.
#pragma once

#include <set>

#include "app/import_ids.h"
#include "app/import_json.h"
#include "app/import_json_values.h"
#include "core/result.h"
#include "store/store.h"

namespace keel::backup {

class Restorer {
 public:
  Restorer(Store& store, BackupReport& report) : store_(store), report_(report), ids_(store) {}

  /// Restores the whole document into the (empty) ledger, inside the caller's transaction.
  Status Run(const Node& root);

 private:
  Status RestoreMaterial(const Node& n);
  Result<AnswerRecord> Answer(const Node& n, Id ask_id, Date asked_on);
  Status RestoreAsk(const Node& n, Id id);
  Result<Id> AskId(const Node& n);
  Status RestoreFollowUp(const Node& n);
  Status RestoreFeedback(const Node& n);
  Status RestoreAction(const Node& n);
  Status RestoreStrategy(const Node& n);
  Status RestorePivot(const Node& n);
  Status RestoreGoal(const Node& n);
  Status RestorePosting(const Node& n);
  Status RestoreInterview(const Node& n);
  Status RestoreClosing(const Node& n);

  Store& store_;
  BackupReport& report_;
  ImportIds ids_;
  std::set<Id> ask_ids_;
  std::set<Id> posting_ids_, posting_roles_;  // one posting per opportunity
  std::set<Id> interview_ids_;
};

}  // namespace keel::backup
