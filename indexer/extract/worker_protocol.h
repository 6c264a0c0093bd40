// The byte format between the extractor and its workers, over a stream socket. Every message is
// a record: one tag byte, a 4-byte little-endian payload length, the payload.
//   parent -> worker: 'X' path            extract this PDF
//   worker -> parent: 'P' text            one page (sent as soon as it is extracted)
//                     'T' title, 'U' author, 'C' page count, 'B' abstract,
//                     'R' "page offset" (references heading), followed by " page offset"
//                         of the heading that ends them when there is one, 'D' diagnostics,
//                     'S' status byte + reason (always last before 'E'), 'E' end of result
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace paper::extract_protocol {

constexpr std::size_t kMaxPayload = 64u << 20;  // a single record; larger is a protocol error

// Writes one record to a socket (MSG_NOSIGNAL: a dead peer gives false, not SIGPIPE), retrying
// on EINTR and short writes. Returns false when the peer is gone.
bool write_record(int fd, char tag, std::string_view payload);

// Reads exactly one record, blocking. Returns false at end of input or on error.
bool read_record(int fd, char& tag, std::string& payload);

// Incremental parser for the parent, which reads with poll() and a deadline.
class RecordParser {
 public:
  void feed(const char* data, std::size_t size) { buffer_.append(data, size); }
  // Takes the next complete record; false when more bytes are needed. Sets error_ when a record
  // is larger than kMaxPayload.
  bool next(char& tag, std::string& payload);
  bool error() const { return error_; }

 private:
  std::string buffer_;
  std::size_t consumed_ = 0;
  bool error_ = false;
};

}  // namespace paper::extract_protocol
