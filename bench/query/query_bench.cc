// In-process search latency (Google Benchmark) over an existing index:
//   query_bench --db DIR --queries FILE [--depth N] [benchmark flags]
// Each iteration runs the next query of FILE (round robin) as paper-search would (limit 10,
// snippets of the best pages); after the run, prints p50/p95/p99 of the single-query times.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "query/searcher.h"

namespace {

std::vector<std::string> g_queries;
std::size_t g_depth = paper::query::SearchRequest().rerank_depth;
std::vector<double> g_latencies_ms[2];

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

void run(benchmark::State& state, paper::query::Searcher* searcher, bool snippets) {
  std::size_t i = 0;
  for (auto _ : state) {
    paper::query::SearchRequest request;
    request.text = g_queries[i++ % g_queries.size()];
    request.snippets = snippets;
    request.rerank_depth = g_depth;
    auto start = std::chrono::steady_clock::now();
    auto result = searcher->search(request);
    auto end = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(result);
    g_latencies_ms[snippets].push_back(
        std::chrono::duration<double, std::milli>(end - start).count());
  }
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a == "--depth" && i + 1 < argc) {
      g_depth = std::stoul(argv[++i]);
    } else if (a == "--queries" && i + 1 < argc) {
      queries = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (db.empty() || queries.empty()) {
    std::cerr << "usage: query_bench --db DIR --queries FILE [benchmark flags]\n";
    return 64;
  }
  g_queries = read_queries(queries);
  paper::query::Searcher searcher(db);
  // Warm the cache: every query once.
  for (const std::string& q : g_queries) {
    paper::query::SearchRequest request;
    request.text = q;
    request.rerank_depth = g_depth;
    searcher.search(request);
  }
  benchmark::RegisterBenchmark("search/with_snippets", run, &searcher, true)
      ->Iterations(static_cast<benchmark::IterationCount>(g_queries.size() * 20));
  benchmark::RegisterBenchmark("search/ranking_only", run, &searcher, false)
      ->Iterations(static_cast<benchmark::IterationCount>(g_queries.size() * 20));
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (int s = 1; s >= 0; --s) {
    std::printf("%s: %zu searches, p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                s ? "with snippets" : "ranking only", g_latencies_ms[s].size(),
                percentile(g_latencies_ms[s], 50), percentile(g_latencies_ms[s], 95),
                percentile(g_latencies_ms[s], 99), percentile(g_latencies_ms[s], 100));
  }
  return 0;
}
