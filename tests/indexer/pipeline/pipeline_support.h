// Shared by the pipeline tests: "papers" as PDFs, reading the index back, running paper-index.
#pragma once

#include <xapian.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace paper::testing {

// A PDF whose first page starts with `title` (16 pt) followed by the first page text; each further
// element of pages is one more page. info_title goes into the document info.
std::string paper_pdf(const std::string& title, const std::vector<std::string>& pages,
                      const std::string& info_title = "");

// The live database of an index folder (throws when there is none).
Xapian::Database open_index(const std::string& dir);
// The document data of a paper, decoded (pages included); "" title when absent.
bool has_paper(const Xapian::Database& db, const std::string& id);
std::string value_of(const Xapian::Database& db, const std::string& id, unsigned slot);
std::vector<std::string> ids_in(const Xapian::Database& db);
// Papers matching a phrase in the body (QueryParser, default stemming off).
std::vector<std::string> search_phrase(const Xapian::Database& db, const std::string& phrase);

// A child process running paper-index (its own process group), stdout/stderr captured.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::string& cwd,
        const std::map<std::string, std::string>& env = {});
  ~Child();
  int pid() const { return pid_; }
  // Reads stderr until a line satisfies pred; false at end of output or after timeout.
  bool wait_for_line(const std::function<bool(const std::string&)>& pred,
                     std::chrono::seconds timeout = std::chrono::seconds(60));
  // Signals the whole process group (paper-index and its extraction workers).
  void signal_group(int sig);
  // Waits for exit, reading the rest of the output; the exit code, or 128 + signal.
  int wait(std::chrono::seconds timeout = std::chrono::seconds(120));
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

 private:
  bool read_some(int fd, std::string& into, std::chrono::milliseconds timeout);
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  std::size_t err_scanned_ = 0;
  int status_ = -1;
};

// Makes this process the reaper of orphaned descendants (extraction workers of a killed
// paper-index), and kills and reaps them.
void become_subreaper();
void kill_orphans();

// Runs paper-index to completion.
struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};
RunResult run_paper_index(const std::vector<std::string>& args, const std::string& cwd,
                          const std::map<std::string, std::string>& env = {});

}  // namespace paper::testing
