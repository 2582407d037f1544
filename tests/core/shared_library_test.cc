#include "core/shared_library.h"

#include <gtest/gtest.h>

namespace keel {
namespace {

TEST(SharedLibraryTest, AMissingLibraryIsOneLineNamingThePackage) {
  Result<void*> library =
      OpenSharedLibrary({"libkeel-absent.so.9", "libkeel-absent.so"}, "PostgreSQL", "libpq5");
  ASSERT_FALSE(library.ok());
  EXPECT_NE(library.message().find("PostgreSQL needs libkeel-absent.so.9"), std::string::npos)
      << library.message();
  EXPECT_NE(library.message().find("apt-get install libpq5"), std::string::npos);
  EXPECT_EQ(library.message().find('\n'), std::string::npos);
}

TEST(SharedLibraryTest, TheFirstNameThatLoadsIsUsedAndAMissingFunctionIsAnError) {
  Result<void*> library = OpenSharedLibrary({"libkeel-absent.so.9", "libm.so.6"}, "maths", "libc6");
  ASSERT_TRUE(library.ok()) << library.message();
  double (*cosine)(double) = nullptr;
  ASSERT_TRUE(BindSharedFunction(*library, "cos", "maths", &cosine).ok());
  EXPECT_DOUBLE_EQ(cosine(0.0), 1.0);
  Status missing = BindSharedFunction(*library, "keel_no_such_function", "maths", &cosine);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("keel_no_such_function"), std::string::npos);
}

}  // namespace
}  // namespace keel
