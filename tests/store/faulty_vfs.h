// A SQLite VFS for tests that fails on demand: it wraps the default VFS ("unix") and, once armed,
// makes the chosen operation (xRead, xWrite, xSync or xTruncate) on the chosen files (the main
// database, its -wal, its -journal) return an error after a number of calls went through. keel
// opens its files with the default VFS, so a FaultyVfs registers itself as the default for its
// lifetime and puts the original back when it goes.
//
// Header-only because tests/CMakeLists.txt builds keel_tests from the *_test.cc files alone.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>

namespace keel {

/// The files a fault applies to (a bitmask).
enum FaultFile : unsigned {
  kFaultMainDb = 1U << 0,
  kFaultWal = 1U << 1,
  kFaultJournal = 1U << 2,    // the rollback journal (a new file is migrated in DELETE mode)
  kFaultOtherFile = 1U << 3,  // temporary files, statement journals
  kFaultAnyFile = 0xfU,
};

enum class FaultOp { kRead, kWrite, kSync, kTruncate };

/// What to fail: `op` on `files`, after `after` such calls went through, with `error`. A sticky
/// fault fails every later such call too (a disk that stays broken); otherwise only one fails
/// (a transient error, and SQLite's own rollback then reaches the disk).
struct Fault {
  FaultOp op = FaultOp::kWrite;
  unsigned files = kFaultAnyFile;
  int64_t after = 0;
  int error = SQLITE_IOERR_WRITE;
  bool sticky = false;
};

/// The wrapping VFS, the process's default while it lives. Not thread-safe: one test at a time.
/// Every connection opened through it must be closed before it is destroyed.
class FaultyVfs {
 public:
  FaultyVfs() {
    real_ = sqlite3_vfs_find(nullptr);
    if (real_ == nullptr) throw std::runtime_error("no default SQLite VFS");
    vfs_.iVersion = real_->iVersion < 3 ? real_->iVersion : 3;
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.mxPathname = real_->mxPathname;
    vfs_.zName = "keel-faulty";
    vfs_.pAppData = this;
    vfs_.xOpen = &Open;
    vfs_.xDelete = [](sqlite3_vfs* v, const char* name, int sync_dir) {
      return Real(v)->xDelete(Real(v), name, sync_dir);
    };
    vfs_.xAccess = [](sqlite3_vfs* v, const char* name, int flags, int* out) {
      return Real(v)->xAccess(Real(v), name, flags, out);
    };
    vfs_.xFullPathname = [](sqlite3_vfs* v, const char* name, int n, char* out) {
      return Real(v)->xFullPathname(Real(v), name, n, out);
    };
    vfs_.xDlOpen = [](sqlite3_vfs* v, const char* name) { return Real(v)->xDlOpen(Real(v), name); };
    vfs_.xDlError = [](sqlite3_vfs* v, int n, char* out) { Real(v)->xDlError(Real(v), n, out); };
    vfs_.xDlSym = [](sqlite3_vfs* v, void* lib, const char* sym) {
      return Real(v)->xDlSym(Real(v), lib, sym);
    };
    vfs_.xDlClose = [](sqlite3_vfs* v, void* lib) { Real(v)->xDlClose(Real(v), lib); };
    vfs_.xRandomness = [](sqlite3_vfs* v, int n, char* out) {
      return Real(v)->xRandomness(Real(v), n, out);
    };
    vfs_.xSleep = [](sqlite3_vfs* v, int us) { return Real(v)->xSleep(Real(v), us); };
    vfs_.xCurrentTime = [](sqlite3_vfs* v, double* out) {
      return Real(v)->xCurrentTime(Real(v), out);
    };
    vfs_.xGetLastError = [](sqlite3_vfs* v, int n, char* out) {
      return Real(v)->xGetLastError(Real(v), n, out);
    };
    vfs_.xCurrentTimeInt64 = [](sqlite3_vfs* v, sqlite3_int64* out) {
      return Real(v)->xCurrentTimeInt64(Real(v), out);
    };
    vfs_.xSetSystemCall = [](sqlite3_vfs* v, const char* name, sqlite3_syscall_ptr call) {
      return Real(v)->xSetSystemCall(Real(v), name, call);
    };
    vfs_.xGetSystemCall = [](sqlite3_vfs* v, const char* name) {
      return Real(v)->xGetSystemCall(Real(v), name);
    };
    vfs_.xNextSystemCall = [](sqlite3_vfs* v, const char* name) {
      return Real(v)->xNextSystemCall(Real(v), name);
    };
    if (sqlite3_vfs_register(&vfs_, /*makeDflt=*/1) != SQLITE_OK) {
      throw std::runtime_error("cannot register the faulty SQLite VFS");
    }
  }
  ~FaultyVfs() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(real_, /*makeDflt=*/1);
  }
  FaultyVfs(const FaultyVfs&) = delete;
  FaultyVfs& operator=(const FaultyVfs&) = delete;

  /// Fails as `fault` says from now on; the call counts start again.
  void Arm(const Fault& fault) {
    fault_ = fault;
    armed_ = true;
    calls_ = 0;
    failures_ = 0;
  }
  /// Lets every call through again (the counts stay readable).
  void Disarm() { armed_ = false; }
  /// Calls the armed fault applied to since Arm (failed or not), and how many of them failed.
  int64_t calls() const { return calls_; }
  int64_t failures() const { return failures_; }
  /// Whether a sync that does not fail reaches the disk. A test that never loses power can do
  /// without: its syncs are still counted and can still fail, ~50 times faster on ext4.
  void set_durable(bool durable) { durable_ = durable; }

 private:
  // What SQLite allocates per open file (szOsFile): this header, then the real VFS's file.
  struct File {
    sqlite3_file base;  // base.pMethods = &kMethods
    FaultyVfs* owner;
    unsigned kind;  // a FaultFile
    sqlite3_file* real;
  };

  static sqlite3_vfs* Real(sqlite3_vfs* v) { return static_cast<FaultyVfs*>(v->pAppData)->real_; }
  static File* Of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
  static sqlite3_file* RealOf(sqlite3_file* f) { return Of(f)->real; }

  static unsigned KindOf(int flags) {
    if ((flags & SQLITE_OPEN_MAIN_DB) != 0) return kFaultMainDb;
    if ((flags & SQLITE_OPEN_WAL) != 0) return kFaultWal;
    if ((flags & SQLITE_OPEN_MAIN_JOURNAL) != 0) return kFaultJournal;
    return kFaultOtherFile;
  }

  // The error to return for `op` on `file`, or SQLITE_OK to let the call through.
  int Check(FaultOp op, const File& file) {
    if (!armed_ || op != fault_.op || (file.kind & fault_.files) == 0) return SQLITE_OK;
    const int64_t call = calls_++;
    if (call < fault_.after || (call > fault_.after && !fault_.sticky)) return SQLITE_OK;
    ++failures_;
    return fault_.error;
  }

  static int Open(sqlite3_vfs* v, sqlite3_filename name, sqlite3_file* f, int flags,
                  int* out_flags) {
    File* file = Of(f);
    file->base.pMethods = nullptr;
    file->owner = static_cast<FaultyVfs*>(v->pAppData);
    file->kind = KindOf(flags);
    file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(File));
    const int rc = Real(v)->xOpen(Real(v), name, file->real, flags, out_flags);
    if (rc == SQLITE_OK && file->real->pMethods != nullptr) file->base.pMethods = &kMethods;
    return rc;
  }

  static int Close(sqlite3_file* f) { return RealOf(f)->pMethods->xClose(RealOf(f)); }
  static int Read(sqlite3_file* f, void* out, int n, sqlite3_int64 offset) {
    if (int rc = Of(f)->owner->Check(FaultOp::kRead, *Of(f)); rc != SQLITE_OK) return rc;
    return RealOf(f)->pMethods->xRead(RealOf(f), out, n, offset);
  }
  static int Write(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
    if (int rc = Of(f)->owner->Check(FaultOp::kWrite, *Of(f)); rc != SQLITE_OK) return rc;
    return RealOf(f)->pMethods->xWrite(RealOf(f), data, n, offset);
  }
  static int Truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (int rc = Of(f)->owner->Check(FaultOp::kTruncate, *Of(f)); rc != SQLITE_OK) return rc;
    return RealOf(f)->pMethods->xTruncate(RealOf(f), size);
  }
  static int Sync(sqlite3_file* f, int flags) {
    if (int rc = Of(f)->owner->Check(FaultOp::kSync, *Of(f)); rc != SQLITE_OK) return rc;
    if (!Of(f)->owner->durable_) return SQLITE_OK;
    return RealOf(f)->pMethods->xSync(RealOf(f), flags);
  }

  static constexpr sqlite3_io_methods kMethods = {
      3,  // iVersion: shared memory (WAL needs it) and xFetch
      &Close,
      &Read,
      &Write,
      &Truncate,
      &Sync,
      [](sqlite3_file* f, sqlite3_int64* size) {
        return RealOf(f)->pMethods->xFileSize(RealOf(f), size);
      },
      [](sqlite3_file* f, int lock) { return RealOf(f)->pMethods->xLock(RealOf(f), lock); },
      [](sqlite3_file* f, int lock) { return RealOf(f)->pMethods->xUnlock(RealOf(f), lock); },
      [](sqlite3_file* f, int* out) {
        return RealOf(f)->pMethods->xCheckReservedLock(RealOf(f), out);
      },
      [](sqlite3_file* f, int op, void* arg) {
        return RealOf(f)->pMethods->xFileControl(RealOf(f), op, arg);
      },
      [](sqlite3_file* f) { return RealOf(f)->pMethods->xSectorSize(RealOf(f)); },
      [](sqlite3_file* f) { return RealOf(f)->pMethods->xDeviceCharacteristics(RealOf(f)); },
      [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
        return RealOf(f)->pMethods->xShmMap(RealOf(f), page, size, extend, out);
      },
      [](sqlite3_file* f, int offset, int n, int flags) {
        return RealOf(f)->pMethods->xShmLock(RealOf(f), offset, n, flags);
      },
      [](sqlite3_file* f) { RealOf(f)->pMethods->xShmBarrier(RealOf(f)); },
      [](sqlite3_file* f, int delete_flag) {
        return RealOf(f)->pMethods->xShmUnmap(RealOf(f), delete_flag);
      },
      // No memory map: every page is read through xRead, where a fault can reach it.
      [](sqlite3_file*, sqlite3_int64, int, void** out) {
        *out = nullptr;
        return SQLITE_OK;
      },
      [](sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; },
  };

  sqlite3_vfs vfs_{};
  sqlite3_vfs* real_ = nullptr;
  Fault fault_;
  bool armed_ = false;
  bool durable_ = true;
  int64_t calls_ = 0;
  int64_t failures_ = 0;
};

}  // namespace keel
