// Progress and per-paper lines of `paper-index build` on stderr: a live line redrawn in place on
// a terminal, plain lines otherwise, nothing but warnings with --quiet. Thread-safe (the pipeline
// serialises calls; the clock is injectable for tests).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "indexer/pipeline.h"

namespace paper {

class Progress : public PipelineObserver {
 public:
  enum class Mode { kTerminal, kPlain, kQuiet };
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  Progress(std::ostream& err, Mode mode, Clock clock = std::chrono::steady_clock::now);

  void on_warning(const std::string& message) override;
  void on_start(std::size_t papers_to_process, std::size_t unchanged) override;
  void on_paper(const PaperOutcome& outcome) override;
  void on_bytes(std::int64_t bytes) override;
  void on_host_unreachable(const std::string& host, const std::string& why) override;
  void on_wait(const std::string& host, double seconds, const std::string& why) override;
  // Clears the live line (before the summary is printed).
  void finish();

 private:
  void line(const std::string& text);  // a whole line, above the live line
  void redraw(bool force);
  std::string status_text() const;

  std::ostream& err_;
  Mode mode_;
  Clock clock_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::size_t not_text_ = 0;
  std::int64_t bytes_ = 0;
  std::size_t last_plain_step_ = 0;
  bool live_shown_ = false;
};

// "1.5 MB", "820 kB", "12 B".
std::string human_bytes(std::int64_t bytes);

}  // namespace paper
