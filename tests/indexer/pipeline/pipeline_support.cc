#include "tests/indexer/pipeline/pipeline_support.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/schema.h"
#include "indexer/index/index_writer.h"
#include "tests/support/pdf_writer.h"

namespace paper::testing {

std::string paper_pdf(const std::string& title, const std::vector<std::string>& pages,
                      const std::string& info_title) {
  std::vector<PdfPage> out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    PdfPage page = single_column_page(pages[i]);
    if (i == 0) {
      for (PdfLine& l : page.lines) l.y -= 40;
      page.lines.insert(page.lines.begin(), PdfLine{72, 740, 16, title});
    }
    out.push_back(page);
  }
  PdfInfo info;
  info.title = info_title;
  return make_pdf(out, info);
}

Xapian::Database open_index(const std::string& dir) {
  auto path = live_database_path(dir);
  if (!path) throw std::runtime_error("no live database in " + dir);
  return Xapian::Database(*path);
}

bool has_paper(const Xapian::Database& db, const std::string& id) {
  return db.term_exists(schema::kPrefixId + id);
}

std::string value_of(const Xapian::Database& db, const std::string& id, unsigned slot) {
  std::string term = schema::kPrefixId + id;
  auto p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return "";
  return db.get_document(*p).get_value(slot);
}

std::vector<std::string> ids_in(const Xapian::Database& db) {
  std::vector<std::string> out;
  const std::string q = schema::kPrefixId;
  for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
    out.push_back((*t).substr(q.size()));
  }
  return out;
}

std::vector<std::string> search_phrase(const Xapian::Database& db, const std::string& phrase) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);  // as indexed (common/schema.h)
  Xapian::Enquire enquire(db);
  enquire.set_query(qp.parse_query("\"" + phrase + "\"", Xapian::QueryParser::FLAG_PHRASE));
  std::vector<std::string> out;
  Xapian::MSet m = enquire.get_mset(0, 100);
  for (auto it = m.begin(); it != m.end(); ++it) {
    out.push_back(schema::decode_document_data(it.get_document().get_data()).paper.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Child::Child(const std::vector<std::string>& args, const std::string& cwd,
             const std::map<std::string, std::string>& env) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  std::vector<std::string> argv_s = {PAPER_INDEX_EXE};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::setpgid(0, 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);  // also from here, so signal_group never races the child's own call
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
}

Child::~Child() {
  if (status_ < 0 && pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

bool Child::read_some(int fd, std::string& into, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n <= 0) return false;
  into.append(buf, static_cast<std::size_t>(n));
  return true;
}

bool Child::wait_for_line(const std::function<bool(const std::string&)>& pred,
                          std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::size_t nl;
    while ((nl = err_.find('\n', err_scanned_)) != std::string::npos) {
      std::string line = err_.substr(err_scanned_, nl - err_scanned_);
      err_scanned_ = nl + 1;
      if (pred(line)) return true;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (!read_some(err_fd_, err_, left)) return false;
  }
}

void Child::signal_group(int sig) { ::kill(-pid_, sig); }

int Child::wait(std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool out_open = true;
  bool err_open = true;
  while (out_open || err_open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(-pid_, SIGKILL);
      break;
    }
    pollfd p[2] = {{out_open ? out_fd_ : -1, POLLIN, 0}, {err_open ? err_fd_ : -1, POLLIN, 0}};
    if (::poll(p, 2, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    if (p[0].revents) {
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0)
        out_open = false;
      else
        out_.append(buf, static_cast<std::size_t>(n));
    }
    if (p[1].revents) {
      ssize_t n = ::read(err_fd_, buf, sizeof buf);
      if (n <= 0)
        err_open = false;
      else
        err_.append(buf, static_cast<std::size_t>(n));
    }
  }
  int status = 0;
  ::waitpid(pid_, &status, 0);
  // Workers of a killed run may still hold the group; end them too.
  ::kill(-pid_, SIGKILL);
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return status_;
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }

void kill_orphans() {
  std::unique_ptr<DIR, int (*)(DIR*)> proc(::opendir("/proc"), ::closedir);
  if (!proc) return;
  while (dirent* e = ::readdir(proc.get())) {
    std::string name = e->d_name;
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat("/proc/" + name + "/stat");
    std::string line;
    std::getline(stat, line);
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state;
    int ppid = 0;
    rest >> state >> ppid;
    if (ppid == ::getpid()) {
      pid_t pid = std::stoi(name);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
}

RunResult run_paper_index(const std::vector<std::string>& args, const std::string& cwd,
                          const std::map<std::string, std::string>& env) {
  Child child(args, cwd, env);
  RunResult r;
  r.code = child.wait();
  r.out = child.out();
  r.err = child.err();
  return r;
}

}  // namespace paper::testing
