#include "indexer/fetch/transfer_error.h"

#include <cerrno>

#include "indexer/fetch/resolve.h"

namespace paper {

TransferError explain_transfer_error(CURL* easy, CURLcode code, const std::string& host,
                                     const std::string& redirect_location, const char* error_buffer,
                                     const FetchOptions& options) {
  const std::string detail =
      error_buffer && error_buffer[0] ? error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: {
      return {"host " + host + " could not be resolved (no network or DNS failure)", false, true};
    }
    case CURLE_COULDNT_CONNECT: {
      // A host that refuses or cannot be routed to now will not change within this run:
      // every later request to it fails at once instead of waiting again.
      long os_errno = 0;
      curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
      if (os_errno == ENETUNREACH || os_errno == EHOSTUNREACH)
        return {"host " + host + " unreachable (no network route)", false, true};
      return {"host " + host + " refused the connection", false, true};
    }
    case CURLE_TOO_MANY_REDIRECTS:
      return {"too many redirects (more than " + std::to_string(options.max_redirects) + ")"};
    case CURLE_UNSUPPORTED_PROTOCOL: {
      auto target = parse_url(redirect_location);
      if (target)
        return {"redirect to a " + target->scheme +
                ": URL refused (only http and https are followed)"};
      return {"not an http(s) URL; only http and https are fetched"};
    }
    case CURLE_OPERATION_TIMEDOUT: {
      // No request sent: the connection was never made. (The connect time says nothing on a
      // connection kept alive from an earlier transfer: it is 0 there too.)
      long request_bytes = 0;
      curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_bytes);
      if (request_bytes == 0) {
        // Covers a DNS lookup that never answers as well as a silent host.
        return {"host " + host + " did not answer within " +
                    std::to_string(options.connect_timeout_s) + " s (offline or blocked)",
                false, true};
      }
      if (options.max_time_s > 0 && detail.find("Operation too slow") == std::string::npos)
        return {"took longer than " + std::to_string(options.max_time_s) + " s", true};
      return {"too slow (under " + std::to_string(options.low_speed_limit_bytes) + " bytes/s for " +
                  std::to_string(options.low_speed_time_s) + " s)",
              true};
    }
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
      return {"connection to " + host + " lost mid-transfer", true};
    case CURLE_BAD_CONTENT_ENCODING:
      return {"the server sent a corrupt compressed body"};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return {"TLS error with " + host + ": " + detail};
    default:
      return {"transfer failed: " + detail};
  }
}

}  // namespace paper
