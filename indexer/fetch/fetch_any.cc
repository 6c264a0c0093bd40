#include <memory>

#include "indexer/fetch/fetcher.h"
#include "indexer/fetch/resolve.h"

namespace paper {
namespace {

// One paper's candidates tried in turn: each step submits the next URL from the previous one's
// callback, so the paper stays counted as outstanding (wait_idle) until the chain ends.
struct AnyChain : std::enable_shared_from_this<AnyChain> {
  Fetcher* fetcher = nullptr;
  PaperId id;
  std::vector<std::string> urls;
  std::size_t next = 0;
  Fetcher::AnyResult result;
  std::function<void(Fetcher::AnyResult)> done;

  void step() {
    if (next >= urls.size()) {
      auto finish = std::move(done);
      if (finish) finish(std::move(result));
      return;
    }
    std::string url = urls[next++];
    fetcher->fetch(id, url, [self = shared_from_this()](FetchResult r) {
      if (r.status != FetchResult::Status::kFailed) {
        self->result.pdf = std::move(r);
        self->next = self->urls.size();
      } else {
        self->result.failures.push_back(std::move(r));
      }
      self->step();
    });
  }
};

}  // namespace

void Fetcher::fetch_any(const PaperId& id, std::vector<std::string> urls,
                        std::function<void(AnyResult)> done) {
  auto chain = std::make_shared<AnyChain>();
  chain->fetcher = this;
  chain->id = id;
  chain->urls = std::move(urls);
  chain->done = std::move(done);
  chain->step();
}

std::string Fetcher::AnyResult::failure_summary() const {
  if (failures.empty()) return pdf ? "" : "no candidate URL";
  std::string out;
  for (const auto& f : failures) {
    if (!out.empty()) out += "; ";
    std::string host = host_of(f.url);
    out += (host.empty() ? url_for_log(f.url) : host) + ": " + f.reason;
  }
  return out;
}

}  // namespace paper
