// Times Extractor over PDF files named on stdin, one per line, with N threads:
//   ls bench/corpus/pdfs-100/*.pdf | extract_bench WORKER_EXE [THREADS]
// Prints the wall time, the counts per status and the characters extracted.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "indexer/extract/extractor.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: extract_bench WORKER_EXE [THREADS] < list-of-pdfs\n";
    return 64;
  }
  paper::ExtractOptions options;
  options.worker_exe = argv[1];
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  std::vector<std::string> files;
  for (std::string line; std::getline(std::cin, line);) files.push_back(line);

  paper::Extractor extractor(options);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::map<std::string, int> statuses;
  std::size_t chars = 0, pages = 0;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < files.size();) {
        paper::ExtractedText text = extractor.extract(files[i]);
        std::size_t n = 0;
        for (const auto& page : text.pages) n += page.size();
        std::lock_guard<std::mutex> lock(mutex);
        ++statuses[paper::to_string(text.status)];
        chars += n;
        pages += text.pages.size();
        if (text.status != paper::ExtractedText::Status::kOk) {
          std::cerr << files[i] << ": " << text.reason << "\n";
        }
      }
    });
  }
  for (auto& thread : pool) thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu files, %zu pages, %zu bytes of text in %.2f s with %d threads\n", files.size(),
              pages, chars, seconds, threads);
  for (const auto& [status, count] : statuses) std::printf("  %s: %d\n", status.c_str(), count);
  return 0;
}
