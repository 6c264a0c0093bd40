// Owning wrappers for libcurl's handles and header lists. Internal to indexer/fetch.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <new>
#include <string>

namespace paper::fetch_detail {

struct EasyCleanup {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MultiCleanup {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;
using Slist = std::unique_ptr<curl_slist, SlistFree>;
using MultiHandle = std::unique_ptr<CURLM, MultiCleanup>;

// Adds line to list; throws std::bad_alloc when libcurl cannot.
inline void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (!grown) throw std::bad_alloc();
  (void)list.release();
  list.reset(grown);
}

}  // namespace paper::fetch_detail
