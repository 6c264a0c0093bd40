#include "indexer/index/synonyms.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/schema.h"
#include "common/sha256.h"
#include "common/text.h"

namespace paper::index_detail {
namespace {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    // A folder opens, and reads as empty: every synonym would be dropped.
    throw Error("the synonym file " + path + " is a folder; give the file, e.g. --synonyms " +
                path + "/synonyms.txt");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("cannot read the synonym file " + path +
                "; check the path or remove it from the options");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Groups of normalised members, one per line of a synonym file.
std::vector<std::vector<std::string>> parse_synonyms(const std::string& text) {
  std::vector<std::vector<std::string>> groups;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::vector<std::string> members;
    auto add = [&](std::string_view m) {
      std::string n = normalize_for_match(m);
      if (!n.empty() && std::find(members.begin(), members.end(), n) == members.end()) {
        members.push_back(n);
      }
    };
    add(std::string_view(line).substr(0, eq));
    std::string rest = line.substr(eq + 1);
    std::size_t start = 0;
    while (start <= rest.size()) {
      auto comma = rest.find(',', start);
      if (comma == std::string::npos) comma = rest.size();
      add(std::string_view(rest).substr(start, comma - start));
      start = comma + 1;
    }
    if (members.size() >= 2) groups.push_back(std::move(members));
  }
  return groups;
}

}  // namespace

void load_synonyms(Xapian::WritableDatabase& db, const std::string& path) {
  if (path.empty()) return;
  std::string text = read_file(path);
  std::string hash = sha256_hex(text);
  if (db.get_metadata(schema::kMetaSynonymsHash) == hash) return;
  std::vector<std::string> keys;
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) keys.push_back(*k);
  for (const auto& k : keys) db.clear_synonyms(k);
  for (const auto& group : parse_synonyms(text)) {
    for (const auto& a : group) {
      for (const auto& b : group) {
        if (a != b) db.add_synonym(a, b);
      }
    }
  }
  db.set_metadata(schema::kMetaSynonymsHash, hash);
  db.commit();
}

}  // namespace paper::index_detail
