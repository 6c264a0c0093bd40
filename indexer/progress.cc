#include "indexer/progress.h"

#include <cmath>
#include <cstdio>

namespace paper {

std::string human_bytes(std::int64_t bytes) {
  char buf[32];
  if (bytes >= 1000000000) {
    std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
  } else if (bytes >= 1000000) {
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  } else if (bytes >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0f kB", bytes / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  }
  return buf;
}

namespace {

std::string duration_text(double seconds) {
  char buf[32];
  long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lds", s);
  }
  return buf;
}

}  // namespace

Progress::Progress(std::ostream& err, Mode mode, Clock clock)
    : err_(err), mode_(mode), clock_(std::move(clock)), started_(clock_()) {}

void Progress::line(const std::string& text) {
  if (mode_ == Mode::kTerminal && live_shown_) err_ << "\r\x1b[K";
  err_ << text << "\n";
  live_shown_ = false;
  if (mode_ == Mode::kTerminal) redraw(true);
  err_.flush();
}

void Progress::on_warning(const std::string& message) { line("paper-index: warning: " + message); }

void Progress::on_host_unreachable(const std::string& host, const std::string& why) {
  line("paper-index: warning: cannot reach " + host + " (" + why +
       "); papers there are indexed from their metadata only (those indexed with text before keep "
       "it)");
}

void Progress::on_wait(const std::string& host, double seconds, const std::string& why) {
  if (mode_ == Mode::kQuiet) return;
  line("paper-index: " + host + " answered " + why + "; waiting " +
       std::to_string(static_cast<long>(std::lround(seconds))) + " s before asking it again");
}

void Progress::on_start(std::size_t papers_to_process, std::size_t unchanged) {
  total_ = papers_to_process;
  if (mode_ == Mode::kQuiet) return;
  line("paper-index: " + std::to_string(papers_to_process) +
       (papers_to_process == 1 ? " paper" : " papers") + " to index, " + std::to_string(unchanged) +
       " unchanged");
}

void Progress::on_paper(const PaperOutcome& o) {
  using Kind = PaperOutcome::Kind;
  if (o.kind == Kind::kRemoved) {
    if (mode_ != Mode::kQuiet) {
      line("paper-index: removed " + o.id +
           (o.reason.empty() ? " (no list, folder or PDF given names it any more)"
                             : ": " + o.reason));
    }
    return;
  }
  ++done_;
  if (o.kind == Kind::kMetadata || o.kind == Kind::kFailed) {
    ++not_text_;
    if (mode_ != Mode::kQuiet) {
      // The file or URL too, unless the reason names it: ids of PDFs on disk say little.
      const bool named = o.url.empty() || o.reason.find(o.url) != std::string::npos;
      line("paper-index: " + o.id + (named ? "" : " (" + o.url + ")") + ": " +
           (o.kind == Kind::kFailed ? "failed: " : "metadata only: ") + o.reason);
    }
  }
  redraw(false);
}

void Progress::on_bytes(std::int64_t bytes) {
  bytes_ += bytes;
  redraw(false);
}

std::string Progress::status_text() const {
  double elapsed = std::chrono::duration<double>(clock_() - started_).count();
  std::string s =
      "[" + std::to_string(done_) + "/" + std::to_string(total_) + "] " + human_bytes(bytes_);
  if (elapsed > 0.5 && bytes_ > 0)
    s += ", " + human_bytes(static_cast<std::int64_t>(bytes_ / elapsed)) + "/s";
  if (done_ > 0 && done_ < total_ && elapsed > 1) {
    s += ", ETA " + duration_text(elapsed / done_ * (total_ - done_));
  }
  s += ", " + std::to_string(not_text_) + " without text";
  return s;
}

void Progress::redraw(bool force) {
  if (mode_ == Mode::kQuiet || total_ == 0) return;
  auto now = clock_();
  if (mode_ == Mode::kTerminal) {
    if (!force && now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
    last_draw_ = now;
    err_ << "\r\x1b[K" << status_text();
    err_.flush();
    live_shown_ = true;
    return;
  }
  // Plain: one line per 5% step, and at least every 10 s while papers complete.
  std::size_t step = done_ * 20 / total_;
  if (step > last_plain_step_ || (done_ > 0 && now - last_draw_ >= std::chrono::seconds(10))) {
    last_plain_step_ = step;
    last_draw_ = now;
    err_ << "paper-index: " << status_text() << "\n";
    err_.flush();
  }
}

void Progress::finish() {
  if (mode_ == Mode::kTerminal && live_shown_) {
    err_ << "\r\x1b[K";
    err_.flush();
    live_shown_ = false;
  }
}

}  // namespace paper
