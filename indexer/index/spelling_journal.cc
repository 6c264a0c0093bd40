#include "indexer/index/spelling_journal.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/schema.h"

namespace paper::index_detail {

void SpellingJournal::add(const std::vector<std::string>& words) {
  for (const std::string& word : words) ++batch_[word];
}

// Writing the spelling table per batch was 40% of the writer's time (bench/results/index.md).
void SpellingJournal::before_commit(Xapian::WritableDatabase& db, bool add_all,
                                    std::size_t max_pending) {
  for (const auto& [word, papers] : batch_) pending_[word] += papers;
  if (add_all || pending_.size() >= max_pending) {
    for (const auto& [word, papers] : pending_) db.add_spelling(word, papers);
    std::vector<std::string> journal;
    const std::string prefix = schema::kMetaSpellingPendingPrefix;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      journal.push_back(*k);
    }
    for (const std::string& key : journal) db.set_metadata(key, "");
    pending_.clear();
    next_ = 1;
    batch_.clear();
  } else {
    journal_batch(db);
  }
}

void SpellingJournal::journal_batch(Xapian::WritableDatabase& db) {
  if (batch_.empty()) return;
  std::string entry;
  for (const auto& [word, papers] : batch_) {
    entry += word + '\t' + std::to_string(papers) + '\n';
  }
  char sequence[16];
  std::snprintf(sequence, sizeof sequence, "%08u", next_++);
  db.set_metadata(schema::kMetaSpellingPendingPrefix + std::string(sequence), entry);
  batch_.clear();
}

void SpellingJournal::read(Xapian::WritableDatabase& db) {
  const std::string prefix = schema::kMetaSpellingPendingPrefix;
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    const std::string entry = db.get_metadata(*k);
    std::size_t at = 0;
    while (at < entry.size()) {
      std::size_t end = entry.find('\n', at);
      if (end == std::string::npos) end = entry.size();
      const std::string_view line(entry.data() + at, end - at);
      const std::size_t tab = line.find('\t');
      const std::string count(tab == std::string_view::npos ? "" : line.substr(tab + 1));
      if (tab > 0 && !count.empty() && count.size() <= 9 &&
          count.find_first_not_of("0123456789") == std::string::npos) {
        pending_[std::string(line.substr(0, tab))] +=
            static_cast<Xapian::termcount>(std::stoul(count));
      }
      at = end + 1;
    }
    const unsigned long sequence = std::strtoul((*k).c_str() + prefix.size(), nullptr, 10);
    next_ = std::max(next_, static_cast<unsigned>(sequence) + 1);
  }
}

}  // namespace paper::index_detail
