// Benchmark: N PDFs served on loopback with added latency per response, spread over H host
// names (all pointed at the loopback server with CONNECT_TO / --connect-to, no DNS). Times a
// sequential `curl` loop and our Fetcher (default polite limits: 2 connections per host, 16 in
// total) in the same run, and prints a Markdown table row.
//
// fetch_bench [--count N] [--latency-ms MS] [--hosts H] [--curl PATH]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <vector>

#include "indexer/fetch/fetcher.h"
#include "indexer/fetch/state_store.h"
#include "tests/support/http/http_server.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int count = 200;
  int latency_ms = 100;
  int hosts = 8;
  std::string curl = "curl";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--count")
      count = std::atoi(argv[i + 1]);
    else if (flag == "--latency-ms")
      latency_ms = std::atoi(argv[i + 1]);
    else if (flag == "--hosts")
      hosts = std::atoi(argv[i + 1]);
    else if (flag == "--curl")
      curl = argv[i + 1];
    else {
      std::fprintf(stderr,
                   "usage: fetch_bench [--count N] [--latency-ms MS] [--hosts H] [--curl PATH]\n");
      return 64;
    }
  }
  paper::testing::TempDir dir;
  paper::testing::HttpServer server;
  server.set_extra_delay(std::chrono::milliseconds(latency_ms));
  std::int64_t total_bytes = 0;
  std::vector<std::string> urls;
  std::vector<std::string> connect_to;
  for (int h = 0; h < hosts; ++h)
    connect_to.push_back("host" + std::to_string(h) +
                         ".bench.test:80:127.0.0.1:" + std::to_string(server.port()));
  for (int i = 0; i < count; ++i) {
    std::string path = "/papers/" + std::to_string(i) + ".pdf";
    std::string pdf = paper::testing::make_pdf({paper::testing::single_column_page(
        "Benchmark paper number " + std::to_string(i) + " about medical image segmentation.")});
    total_bytes += static_cast<std::int64_t>(pdf.size());
    server.serve(path, paper::testing::pdf_response(pdf));
    urls.push_back("http://host" + std::to_string(i % hosts) + ".bench.test" + path);
  }

  // Sequential curl loop: one process per URL, as a shell script would do it.
  std::string list = dir.file("urls.txt");
  {
    std::ofstream out(list);
    for (const auto& u : urls) out << u << "\n";
  }
  std::string script = dir.file("loop.sh");
  {
    std::ofstream out(script);
    out << "set -e\nmkdir -p '" << dir.file("curl") << "'\nn=0\n";
    out << "while read -r u; do n=$((n+1)); " << curl << " -sS -f";
    for (const auto& c : connect_to) out << " --connect-to " << c;
    out << " -o '" << dir.file("curl") << "'/$n.pdf \"$u\"; done < '" << list << "'\n";
  }
  auto start = std::chrono::steady_clock::now();
  int rc = std::system(("/bin/sh '" + script + "'").c_str());
  double curl_s = seconds_since(start);
  if (rc != 0) {
    std::fprintf(stderr, "fetch_bench: the curl loop failed (exit %d)\n", rc);
    return 1;
  }

  // Our Fetcher, cold cache.
  paper::StateStore store(dir.file("state.sqlite"));
  paper::FetchOptions options;
  options.cache_dir = dir.file("cache");
  options.connect_to = connect_to;
  // Fetches every URL with a fresh Fetcher; returns how many ended with `wanted`.
  auto fetch_all = [&](paper::FetchResult::Status wanted) {
    paper::Fetcher fetcher(options, &store, nullptr);
    std::vector<std::future<paper::FetchResult>> results;
    for (int i = 0; i < count; ++i) {
      auto promise = std::make_shared<std::promise<paper::FetchResult>>();
      results.push_back(promise->get_future());
      fetcher.fetch("p" + std::to_string(i), urls[i],
                    [promise](paper::FetchResult r) { promise->set_value(std::move(r)); });
    }
    int n = 0;
    for (auto& f : results)
      if (f.get().status == wanted) ++n;
    return n;
  };
  start = std::chrono::steady_clock::now();
  int downloaded = fetch_all(paper::FetchResult::Status::kDownloaded);
  double ours_s = seconds_since(start);

  // Warm run: everything is in the cache and the store.
  start = std::chrono::steady_clock::now();
  int cached = fetch_all(paper::FetchResult::Status::kCached);
  double warm_s = seconds_since(start);

  std::printf(
      "| PDFs | hosts | latency | bytes | curl loop | Fetcher (cold) | speed-up | Fetcher (warm, "
      "cached) |\n");
  std::printf("|-|-|-|-|-|-|-|-|\n");
  std::printf(
      "| %d (%d downloaded, %d cached on re-run) | %d | %d ms | %lld | %.2f s | %.2f s | %.1fx | "
      "%.3f s |\n",
      count, downloaded, cached, hosts, latency_ms, static_cast<long long>(total_bytes), curl_s,
      ours_s, curl_s / ours_s, warm_s);
  return downloaded == count && cached == count ? 0 : 1;
}
