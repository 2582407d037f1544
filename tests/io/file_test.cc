#include "io/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace keel {
namespace {

namespace fs = std::filesystem;

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("keel_file_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }
  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  fs::path dir_;
  ReadLimit limit_{16, "a CSV file", "split it"};
};

TEST_F(FileTest, ReadsARegularFileWithinTheLimit) {
  Write(Path("a.csv"), "asked_on,org\n");
  EXPECT_EQ(*ReadWholeFile(Path("a.csv"), limit_), "asked_on,org\n");
}

TEST_F(FileTest, RefusesAFileOverTheLimitWithoutReadingIt) {
  Write(Path("big.csv"), std::string(17, 'x'));
  const Result<std::string> read = ReadWholeFile(Path("big.csv"), limit_);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.message().find("keel reads as a CSV file; split it"), std::string::npos)
      << read.message();
}

TEST_F(FileTest, RefusesDevicesAndFolders) {
  EXPECT_EQ(ReadWholeFile("/dev/zero", limit_).message(),
            "/dev/zero is a device, not a file; give a CSV file");
  EXPECT_EQ(ReadWholeFile(dir_.string(), limit_).message(),
            dir_.string() + " is a folder; give a CSV file");
}

TEST_F(FileTest, ANamedPipeWithoutAWriterIsRefusedInsteadOfHanging) {
  ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0600), 0);
  EXPECT_EQ(ReadWholeFile(Path("fifo"), limit_).message(),
            Path("fifo") + " is a named pipe with nothing written to it; give a CSV file");
}

TEST_F(FileTest, WritesAtomicallyAndKeepsTheModeOfTheFileItReplaces) {
  Write(Path("out.csv"), "old");
  ::chmod(Path("out.csv").c_str(), 0600);
  ASSERT_TRUE(WriteFileAtomically(Path("out.csv"), "new").ok());
  EXPECT_EQ(Read(Path("out.csv")), "new");
  struct stat st {};
  ASSERT_EQ(::stat(Path("out.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(FileTest, NeverWritesThroughASymbolicLink) {
  Write(Path("victim"), "precious");
  fs::create_symlink(Path("victim"), Path("out.csv"));
  const Status written = WriteFileAtomically(Path("out.csv"), "export");
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.message().find("is a symbolic link"), std::string::npos);
  EXPECT_EQ(Read(Path("victim")), "precious");
  // The old fixed temporary name, planted as a link, is not used either.
  fs::remove(Path("out.csv"));
  fs::create_symlink(Path("victim"), Path("out.csv.keel-tmp"));
  ASSERT_TRUE(WriteFileAtomically(Path("out.csv"), "export").ok());
  EXPECT_EQ(Read(Path("victim")), "precious");
  EXPECT_EQ(Read(Path("out.csv")), "export");
}

}  // namespace
}  // namespace keel
