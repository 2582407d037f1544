// Local wall time against the C library's zone data, with TZ set per test: the instants are
// independent facts (UTC offsets of New York and Berlin on those days), not keel's output.
#include "io/local_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace keel {
namespace {

class LocalTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
  }
  void TearDown() override {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  static void Zone(const char* tz) {
    setenv("TZ", tz, 1);
    tzset();
  }
  static Instant Utc(const char* iso) { return ParseUtcIso(iso).value(); }

  std::optional<std::string> saved_;
};

TEST(InstantTest, UtcIsoRoundTripsAndRefusesOtherForms) {
  EXPECT_EQ(UtcIso(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(UtcIso(1796828400), "2026-12-09T15:00:00Z");
  EXPECT_EQ(ParseUtcIso("2026-12-09T15:00:00Z"), 1796828400);
  EXPECT_EQ(IcsUtc(1796828400), "20261209T150000Z");
  EXPECT_EQ(UtcIso(-1), "1969-12-31T23:59:59Z");
  EXPECT_FALSE(ParseUtcIso("2026-12-09 15:00:00Z"));
  EXPECT_FALSE(ParseUtcIso("2026-12-09T25:00:00Z"));
  EXPECT_FALSE(ParseUtcIso("2026-02-30T10:00:00Z"));
}

TEST_F(LocalTimeTest, NewYorkWinterAndSummer) {
  Zone("America/New_York");
  EXPECT_EQ(ParseLocalTime("2026-12-09 10:00").value(), Utc("2026-12-09T15:00:00Z"));  // EST
  EXPECT_EQ(ParseLocalTime("2026-07-01T10:00").value(), Utc("2026-07-01T14:00:00Z"));  // EDT
  const LocalTime l = ToLocal(Utc("2026-12-09T15:00:00Z"));
  EXPECT_EQ(l.date.ToIso(), "2026-12-09");
  EXPECT_EQ(l.hour, 10);
  EXPECT_EQ(l.zone, "EST");
  EXPECT_EQ(l.utc_offset_min, -300);
  EXPECT_EQ(LocalText(Utc("2026-07-01T14:00:00Z")), "2026-07-01 10:00");
}

TEST_F(LocalTimeTest, SkippedHourIsRefusedRepeatedHourIsTheFirst) {
  Zone("America/New_York");
  // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 never shows on the clock.
  const Result<Instant> gap = ParseLocalTime("2026-03-08 02:30");
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.field(), "at");
  EXPECT_NE(gap.message().find("does not exist"), std::string::npos) << gap.message();
  EXPECT_EQ(ParseLocalTime("2026-03-08 01:59").value(), Utc("2026-03-08T06:59:00Z"));
  EXPECT_EQ(ParseLocalTime("2026-03-08 03:00").value(), Utc("2026-03-08T07:00:00Z"));
  // 2026-11-01: 01:30 shows twice (EDT, then EST); the earlier one is taken.
  EXPECT_EQ(ParseLocalTime("2026-11-01 01:30").value(), Utc("2026-11-01T05:30:00Z"));
}

TEST_F(LocalTimeTest, BerlinAcrossItsOwnChange) {
  Zone("Europe/Berlin");
  EXPECT_EQ(ParseLocalTime("2026-12-09 14:30").value(), Utc("2026-12-09T13:30:00Z"));  // CET
  EXPECT_EQ(ParseLocalTime("2026-03-29 03:30").value(), Utc("2026-03-29T01:30:00Z"));  // CEST
  EXPECT_FALSE(ParseLocalTime("2026-03-29 02:30").ok());
  EXPECT_EQ(ToLocal(Utc("2026-12-09T13:30:00Z")).zone, "CET");
}

TEST_F(LocalTimeTest, BadFormsNameTheExpectedOne) {
  Zone("UTC");
  for (const char* bad :
       {"", "tomorrow 10am", "2026-12-09", "2026-12-09 9:30", "2026-12-09 10:00:00",
        "2026-13-01 10:00", "2026-02-30 10:00", "12/09/2026 10:00"}) {
    const Result<Instant> t = ParseLocalTime(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_NE(t.message().find("YYYY-MM-DD HH:MM"), std::string::npos) << t.message();
    EXPECT_EQ(t.field(), "at");
  }
  const Result<Instant> late = ParseLocalTime("2026-12-09 24:00");
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.message().find("hours 00-23"), std::string::npos) << late.message();
}

}  // namespace
}  // namespace keel
