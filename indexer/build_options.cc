#include "indexer/build_options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "common/error.h"

namespace paper {
namespace {

constexpr const char* kBuildUsage =
    R"(usage: paper-index build [--db DIR] [--rebuild] [--retry] [--refresh] [--jobs N] [--quiet]
                         [--batch-size N] [--synonyms FILE]
                         [--discover [--email ADDR] [--semantic-scholar-key KEY]
                          [--openalex-key KEY]] [PATH...]

PATH is a paper list (Markdown), a PDF file or a folder of PDFs (searched recursively).
With no PATH: the lists data/*.md (data/ of the current folder).

  --db DIR          index folder (default: $PAPER_INDEX_DB, else ./index)
  --rebuild         build a fresh index beside the live one and switch to it at the end
  --retry           also try again the papers indexed from their metadata only
  --refresh         ask the servers whether the PDFs already indexed changed (conditional
                    requests with ETag / Last-Modified); changed ones are extracted again
  --jobs N          PDFs extracted in parallel, 1 to 256 (default: number of CPUs)
  --batch-size N    papers per commit (default 200): what a crash can lose at most
  --quiet           no progress lines (warnings and the summary are still printed)
  --synonyms FILE   synonym file loaded into the index (default: data/synonyms.txt if present)
  --discover        when no link of a paper gives a PDF, ask open APIs by title or DOI: the
                    arXiv API (titles must match), and Unpaywall and Crossref (with --email),
                    Semantic Scholar (with a key), OpenAlex (with a key), each at its rate limit
  --email ADDR      contact address for Unpaywall and Crossref (default: $PAPER_INDEX_EMAIL)
  --semantic-scholar-key KEY   (default: $S2_API_KEY)
  --openalex-key KEY           (default: $OPENALEX_API_KEY)
)";

int usage_error(std::ostream& err, const std::string& message) {
  err << "paper-index: error: " << message << "; run `paper-index build --help` for the options\n";
  return kExitUsage;
}

constexpr int kMaxJobs = 256;

bool positive(const std::string& v) {
  return !v.empty() && v.size() <= 6 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         std::stoi(v) >= 1;
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int parse_build_options(const std::vector<std::string>& args, BuildOptions& b, std::ostream& out,
                        std::ostream& err) {
  if (const char* env = std::getenv("PAPER_INDEX_DB"); env && *env) b.db = env;
  if (const char* env = std::getenv("PAPER_INDEX_EMAIL"); env && *env) b.email = env;
  if (const char* env = std::getenv("S2_API_KEY"); env && *env) b.s2_key = env;
  if (const char* env = std::getenv("OPENALEX_API_KEY"); env && *env) b.openalex_key = env;
  bool synonyms_given = false;
  bool only_paths = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    // --name=value as well as --name value.
    std::optional<std::string> inline_value;
    if (!only_paths && a.rfind("--", 0) == 0) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        inline_value = a.substr(eq + 1);
        a.resize(eq);
      }
    }
    auto value = [&](std::string& v) {
      if (inline_value) {
        v = *inline_value;
        inline_value.reset();
        return true;
      }
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    if (only_paths || a.empty() || a[0] != '-' || a == "-") {
      b.paths.push_back(a);
    } else if (a == "--") {
      only_paths = true;
    } else if (a == "--help" || a == "-h") {
      out << kBuildUsage;
      return kExitOk;
    } else if (a == "--db") {
      if (!value(b.db) || b.db.empty()) return usage_error(err, "--db needs a folder");
    } else if (a == "--rebuild") {
      b.rebuild = true;
    } else if (a == "--retry") {
      b.retry = true;
    } else if (a == "--refresh") {
      b.refresh = true;
    } else if (a == "--quiet" || a == "-q") {
      b.quiet = true;
    } else if (a == "--synonyms") {
      if (!value(b.synonyms)) return usage_error(err, "--synonyms needs a file");
      synonyms_given = true;
    } else if (a == "--discover") {
      b.discover = true;
    } else if (a == "--email") {
      if (!value(b.email) || b.email.find('@') == std::string::npos) {
        return usage_error(err, "--email needs a contact address, e.g. --email you@example.org");
      }
    } else if (a == "--semantic-scholar-key") {
      if (!value(b.s2_key) || b.s2_key.empty()) {
        return usage_error(err, "--semantic-scholar-key needs a key");
      }
    } else if (a == "--openalex-key") {
      if (!value(b.openalex_key) || b.openalex_key.empty()) {
        return usage_error(err, "--openalex-key needs a key");
      }
    } else if (a == "--jobs" || a == "-j") {
      std::string v;
      if (!value(v) || !positive(v)) {
        return usage_error(err, "--jobs needs a number of at least 1, e.g. --jobs 4");
      }
      b.jobs = std::stoi(v);
      if (b.jobs > kMaxJobs) {
        // Each job is an extraction process and two threads: thousands of them ran into the
        // limit on threads and aborted the run.
        return usage_error(err, "--jobs must be at most " + std::to_string(kMaxJobs));
      }
    } else if (a == "--batch-size") {
      std::string v;
      if (!value(v) || !positive(v)) {
        return usage_error(err, "--batch-size needs a number of at least 1, e.g. --batch-size 100");
      }
      b.batch_size = std::stoi(v);
    } else {
      return usage_error(err, "unknown option '" + a + "'");
    }
    if (inline_value) return usage_error(err, "option " + a + " takes no value");
  }
  if (b.db.empty()) b.db = "index";
  if (!synonyms_given) {
    std::string def = b.data_dir + "/synonyms.txt";
    std::error_code ec;
    if (std::filesystem::is_regular_file(def, ec)) b.synonyms = def;
  }
  return -1;
}

void print_summary(const PipelineSummary& s, std::ostream& out) {
  out << "paper-index: " << (s.interrupted ? "interrupted: " : "") << "indexed "
      << plural(s.text, "paper", "papers") << " with text, " << s.metadata
      << " from metadata only, " << s.failed << " failed; " << s.unchanged << " unchanged, "
      << s.removed
      << " removed (index: " << plural(static_cast<int>(s.documents), "paper", "papers") << ")\n";
  std::vector<std::pair<int, std::string>> reasons;
  for (const auto& [reason, n] : s.reasons) reasons.emplace_back(n, reason);
  std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  const std::size_t kShown = 8;
  for (std::size_t i = 0; i < reasons.size() && i < kShown; ++i) {
    out << "  " << plural(reasons[i].first, "paper", "papers") << ": " << reasons[i].second << "\n";
  }
  if (reasons.size() > kShown) {
    out << "  ... and " << reasons.size() - kShown << " other reasons (see `paper-index status`)\n";
  }
  const bool offline = s.fetches > 0 && s.fetched_ok == 0 && !s.unreachable_hosts.empty();
  if (s.kept_text > 0 && !offline) {
    out << "paper-index: " << plural(s.kept_text, "paper keeps", "papers keep")
        << " the text indexed before, counted above as unchanged: fetching "
        << (s.kept_text == 1 ? "its" : "their")
        << " PDF again failed (see the warnings; `paper-index status` says why)\n";
  }
  // Not in the line above, offline or not: this is the only place they are counted.
  if (const int n = s.kept_text_renamed; n > 0) {
    const bool one = n == 1;
    out << "paper-index: " << plural(n, "paper", "papers") << " kept " << (one ? "its" : "their")
        << " earlier text (PDF not fetched this run): " << (one ? "its" : "their")
        << " title was edited, which gives " << (one ? "it" : "them")
        << " a new id; the next run fetches and checks " << (one ? "its" : "their")
        << " PDF again (see the warnings)\n";
  }
  if (offline) {
    out << "paper-index: downloads were impossible: no host could be reached ("
        << plural(static_cast<int>(s.unreachable_hosts.size()), "host", "hosts")
        << " tried; is this machine offline?); "
        << (s.kept_text + s.kept_text_renamed > 0
                ? "papers indexed before keep their text, the others are"
                : "the papers are")
        << " searchable by their metadata; run `paper-index build --retry` when online\n";
  }
  if (const int entries = s.still_metadata - s.still_failed_files; entries > 0) {
    out << "paper-index: " << plural(entries, "unchanged paper is", "unchanged papers are")
        << " still indexed without text; `paper-index build --retry` tries them again\n";
  }
  if (s.still_failed_files > 0) {
    out << "paper-index: "
        << plural(s.still_failed_files, "unchanged PDF file has", "unchanged PDF files have")
        << " no text indexed (`paper-index status` says why); replace or repair "
        << (s.still_failed_files == 1 ? "it" : "them")
        << " and build again (`--retry` extracts the same bytes again)\n";
  }
  if (s.interrupted) {
    out << "paper-index: interrupted; what was complete is committed; run the same command to "
           "continue\n";
  }
}

int exit_code_for(const PipelineSummary& s) {
  if (s.interrupted) return kExitInterrupted;
  if (s.metadata > 0 || s.failed > 0 || s.still_metadata > 0 || s.list_warnings > 0 ||
      s.unreadable_inputs > 0 || s.kept_text > 0 || s.kept_text_renamed > 0 ||
      s.cut_by_page_limit > 0) {
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace paper
