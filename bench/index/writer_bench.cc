// How fast the index writer takes papers once their text is extracted, the limit on indexing
// throughput however many extraction workers run: the stored papers of an existing index are
// indexed again into a new one, (a) all on one thread, put(stored), as the writer thread did
// alone before the prepare stage, and (b) with prepare_paper() on N threads and the inserts on
// one, as the pipeline does now; then (c) the two halves timed apart.
//   writer_bench --from INDEX_DIR [--threads N] [--work DIR]
#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/schema.h"
#include "indexer/index/index_writer.h"

namespace {

std::vector<paper::schema::StoredPaper> load(const std::string& dir) {
  Xapian::Database db(dir + "/current");
  std::vector<paper::schema::StoredPaper> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    auto p = paper::schema::decode_document_data(db.get_document(*it).get_data());
    for (int page = 1; page <= p.stored_pages; ++page) {
      p.pages.push_back(paper::schema::decode_page_text(
          db.get_metadata(paper::schema::page_metadata_key(p.paper.id, page))));
    }
    out.push_back(std::move(p));
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string from, work = "bench/work/writer-bench";
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--from") from = argv[i + 1];
    if (a == "--threads") threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
    if (a == "--work") work = argv[i + 1];
  }
  if (from.empty()) {
    std::cerr << "usage: writer_bench --from INDEX_DIR [--threads N] [--work DIR]\n";
    return 64;
  }
  const auto papers = load(from);
  std::size_t bytes = 0;
  for (const auto& p : papers) {
    for (const auto& page : p.pages) bytes += page.size();
  }
  std::printf("%zu papers, %.1f MB of page text\n", papers.size(), bytes / 1e6);
  std::filesystem::remove_all(work);

  {
    paper::IndexOptions o;
    o.dir = work + "/one-thread";
    auto w = paper::IndexWriter::open(o);
    const auto start = std::chrono::steady_clock::now();
    for (const auto& p : papers) w->put(p, "h");
    w->finish();
    std::printf("one thread (prepare and insert): %.2f s\n", seconds_since(start));
  }
  {
    paper::IndexOptions o;
    o.dir = work + "/prepared";
    auto w = paper::IndexWriter::open(o);
    const auto start = std::chrono::steady_clock::now();
    std::mutex m;
    std::condition_variable cv;
    std::deque<paper::PreparedPaper> ready;
    std::size_t next = 0, done = 0;
    constexpr std::size_t kInFlight = 16;
    std::vector<std::thread> preparers;
    for (unsigned t = 0; t < threads; ++t) {
      preparers.emplace_back([&] {
        for (;;) {
          std::size_t i;
          {
            std::unique_lock<std::mutex> lock(m);
            cv.wait(lock, [&] { return next >= papers.size() || ready.size() < kInFlight; });
            if (next >= papers.size()) return;
            i = next++;
          }
          auto prepared = paper::prepare_paper(papers[i], "h");
          {
            std::lock_guard<std::mutex> lock(m);
            ready.push_back(std::move(prepared));
          }
          cv.notify_all();
        }
      });
    }
    while (done < papers.size()) {
      std::optional<paper::PreparedPaper> p;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return !ready.empty(); });
        p = std::move(ready.front());
        ready.pop_front();
      }
      cv.notify_all();
      w->put(std::move(*p));
      ++done;
    }
    for (auto& t : preparers) t.join();
    w->finish();
    std::printf("prepare on %u threads, insert on one: %.2f s\n", threads, seconds_since(start));
  }
  {
    // The two halves apart: every paper prepared first, then the inserts alone (the serial
    // part, and so the limit with enough cores).
    paper::IndexOptions o;
    o.dir = work + "/halves";
    auto w = paper::IndexWriter::open(o);
    auto start = std::chrono::steady_clock::now();
    std::vector<paper::PreparedPaper> prepared;
    prepared.reserve(papers.size());
    for (const auto& p : papers) prepared.push_back(paper::prepare_paper(p, "h"));
    const double prepare_s = seconds_since(start);
    start = std::chrono::steady_clock::now();
    for (auto& p : prepared) w->put(std::move(p));
    w->finish();
    std::printf("halves on one thread: prepare %.2f s, insert and finish %.2f s\n", prepare_s,
                seconds_since(start));
  }
  std::filesystem::remove_all(work);
  return 0;
}
