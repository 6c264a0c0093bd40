// kill -9 in the middle of a run, then run again: completed downloads are not repeated.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "indexer/fetch/state_store.h"
#include "tests/indexer/fetch/fetch_test_util.h"
#include "tests/support/http/http_server.h"
#include "tests/support/temp_dir.h"

namespace paper {
namespace {

using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;
using testing::TempDir;

// A child process running fetch_resume_child; its stdout is read line by line.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::string program = FETCH_RESUME_CHILD;
    argv.push_back(program.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  // The next line of output, or "" after a 20 s safety timeout or at end of output.
  std::string read_line() {
    while (true) {
      std::size_t nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 20000) <= 0) return "";
      char chunk[512];
      ssize_t n = read(out_, chunk, sizeof chunk);
      if (n <= 0) return "";
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void kill_now() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    EXPECT_TRUE(WIFSIGNALED(status));
  }

  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
};

TEST(ResumeTest, KillDuringARunThenResumeDoesNotDownloadCompletedFilesAgain) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.pdf", testing::pdf_response(testing::small_pdf("one")));
  // The first request for two.pdf never gets its body before the kill.
  auto never = std::make_shared<std::promise<void>>();
  std::shared_future<void> gate = never->get_future().share();
  auto seen = std::make_shared<std::atomic<int>>(0);
  std::string two = testing::small_pdf("two");
  server.route("/two.pdf", [=](const HttpRequest&) {
    HttpResponse r = testing::pdf_response(two);
    if ((*seen)++ == 0) r.hold = gate;
    return r;
  });
  std::vector<std::string> args = {dir.file("cache"), dir.file("state.sqlite"),
                                   server.url("/one.pdf"), server.url("/two.pdf")};
  {
    Child child(args);
    EXPECT_EQ(child.read_line(), "downloaded " + server.url("/one.pdf"));
    child.kill_now();
  }
  never->set_value();
  EXPECT_EQ(server.count("/one.pdf"), 1);

  Child again(args);
  std::vector<std::string> lines = {again.read_line(), again.read_line()};
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<std::string>{"cached " + server.url("/one.pdf"),
                                             "downloaded " + server.url("/two.pdf")}));
  EXPECT_EQ(again.wait_exit(), 0);
  EXPECT_EQ(server.count("/one.pdf"), 1);
  EXPECT_EQ(server.count("/two.pdf"), 2);

  StateStore store(dir.file("state.sqlite"));
  EXPECT_EQ(store.last_for_url(server.url("/one.pdf"))->outcome, "cached");
  EXPECT_EQ(store.last_success_for_url(server.url("/two.pdf"))->outcome, "downloaded");
}

}  // namespace
}  // namespace paper
