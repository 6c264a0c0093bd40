// Plain words for a transfer that libcurl ended with an error code. Internal to indexer/fetch.
#pragma once

#include <curl/curl.h>

#include <string>

#include "indexer/fetch/fetcher.h"

namespace paper {

struct TransferError {
  std::string reason;
  bool retry = false;             // another attempt may succeed (timeouts, dropped connections)
  bool host_unreachable = false;  // the host cannot be reached this run (DNS, refused, silent)
};

// easy: the finished handle (for CURLINFO_OS_ERRNO / CONNECT_TIME_T); host: where it failed;
// redirect_location: the last Location header seen ("" if none); error_buffer: its
// CURLOPT_ERRORBUFFER. Size-limit and disk errors are the caller's (they are not curl's).
TransferError explain_transfer_error(CURL* easy, CURLcode code, const std::string& host,
                                     const std::string& redirect_location, const char* error_buffer,
                                     const FetchOptions& options);

}  // namespace paper
