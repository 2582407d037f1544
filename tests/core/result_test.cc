#include "core/result.h"

#include <gtest/gtest.h>

#include <string>

namespace keel {
namespace {

Status Inner() { return Error{"'02/30/2026' is not a date", ErrorCode::kInvalid, "on"}; }
Status Missing() { return Error{"there is no ask #9", ErrorCode::kNotFound, "id"}; }

Result<int> Outer(bool missing) {
  KEEL_RETURN_IF_ERROR(missing ? Missing() : Inner());
  return 1;
}

TEST(ResultTest, PlainErrorIsInvalidAboutNoField) {
  const Status s = Error{"bad"};
  EXPECT_EQ(s.code(), ErrorCode::kInvalid);
  EXPECT_EQ(s.field(), "");
  EXPECT_EQ(s.message(), "bad");
}

TEST(ResultTest, ReturnIfErrorCarriesCodeAndField) {
  const Result<int> bad_date = Outer(false);
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.code(), ErrorCode::kInvalid);
  EXPECT_EQ(bad_date.field(), "on");
  const Result<int> missing = Outer(true);
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.field(), "id");
  EXPECT_EQ(missing.message(), "there is no ask #9");
  // through Status and back
  const Status status = missing.status();
  EXPECT_EQ(Result<int>(status).field(), "id");
  EXPECT_EQ(Result<int>(status).code(), ErrorCode::kNotFound);
}

TEST(ResultTest, InFieldKeepsAnInnerField) {
  EXPECT_EQ(InField("on", Error{"x"}).field, "on");
  EXPECT_EQ(InField("on", Error{"x", ErrorCode::kInvalid, "until"}).field, "until");
}

TEST(ResultTest, CodeNames) {
  EXPECT_EQ(Name(ErrorCode::kInvalid), "invalid");
  EXPECT_EQ(Name(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(Name(ErrorCode::kConflict), "conflict");
  EXPECT_EQ(Name(ErrorCode::kBusy), "busy");
  EXPECT_EQ(Name(ErrorCode::kForbidden), "forbidden");
  EXPECT_EQ(Name(ErrorCode::kInternal), "internal");
}

}  // namespace
}  // namespace keel
