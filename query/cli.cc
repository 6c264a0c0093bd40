#include "query/cli.h"

#include <cctype>
#include <optional>

#include "common/error.h"
#include "common/text.h"
#include "common/text_cleanup.h"
#include "common/version.h"
#include "query/query_operators.h"
#include "query/render.h"
#include "query/searcher.h"

namespace paper::query {

const char* const kUsage = R"(usage: paper-search [OPTIONS] QUERY...
       paper-search related [--db DIR] [--json] [--limit N] (ID | --text "TEXT")
       paper-search show [--db DIR] [--json] ID

Search the papers indexed by paper-index by what is inside them.

Query syntax:
  words             papers with every word (stemmed: "segmenting" finds "segmentation");
                    when no paper has every word, papers with any of them
  "a phrase"        the words next to each other
  AND OR NOT -word  boolean operators; -word excludes papers with the word
  a NEAR b          the words within 10 words of each other
  segm*             wildcard
  title: author: venue: section: abstract: ref:    search one field (ref: = references)
  year:2020  year:2019..2021  state:metadata        filters
  U-Net, UNet and U Net are the same; synonyms (CT, computed tomography, ...) come from
  data/synonyms.txt, loaded into the index by paper-index.

Options:
  --db DIR          index folder (default: $PAPER_INDEX_DB, else ./index)
  --json            one JSON object on stdout
  --limit N         results to show (default 10, at most 1000; 0: the count and facets only)
  --offset N        results to skip (for paging; default 0, at most 1000000)
  --pages N         best matching pages shown per paper, each with a snippet (default 3,
                    0 to 10; 0 lists papers only)
  --facets          list every year, venue and section count, not the top five
  --ranking NAME    combined (default), fields, whole, page, whole+page, title
  --text "TEXT"     (related) papers close to a pasted text instead of a paper
  --help            show this help
  --version         show the version
  --                end of options (to search for a word like "show" or "related")

Exit codes:
  0    success, also when no paper matched (the output says so; JSON "total": 0)
  1    fatal error: no index, unreadable index, unknown paper id
  64   bad command line or empty query
)";

namespace {

struct Options {
  std::string db;
  bool db_named = false;  // given with --db or $PAPER_INDEX_DB, not the default ./index
  bool json = false;
  bool facets = false;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::size_t pages = SearchRequest().pages_per_result;
  Ranking ranking = Ranking::kCombined;
  std::optional<std::string> text;
  std::vector<std::string> words;
};

// The allowed values of the numeric options, stated by their errors.
constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxOffset = 1000000;
constexpr std::size_t kMaxPages = 10;

// A whole number from min to max; otherwise a usage error that states the range, so a value too
// large is not called "not a whole number".
std::size_t parse_count(const std::string& name, const std::string& value, std::size_t min,
                        std::size_t max) {
  bool ok = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  std::size_t n = 0;
  // Digit by digit, stopping past max: any number of digits, no overflow.
  for (std::size_t i = 0; ok && i < value.size() && n <= max; ++i) {
    n = n * 10 + static_cast<std::size_t>(value[i] - '0');
  }
  if (!ok || n < min || n > max) {
    throw Error("--" + name + " takes a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max) + ", not '" + value + "'",
                kExitUsage);
  }
  return n;
}

Ranking parse_ranking(const std::string& value) {
  if (value == "combined") return Ranking::kCombined;
  if (value == "fields") return Ranking::kFields;
  if (value == "whole") return Ranking::kWholeDocument;
  if (value == "page") return Ranking::kPageMaxP;
  if (value == "whole+page") return Ranking::kWholePlusPage;
  if (value == "title") return Ranking::kTitleOnly;
  throw Error(
      "unknown ranking '" + value + "'; use combined, fields, whole, page, whole+page or title",
      kExitUsage);
}

// allowed: the options this subcommand takes, by name without "--"; min_limit: the smallest
// --limit it takes.
Options parse(const std::vector<std::string>& args, const std::vector<std::string>& allowed,
              const std::string& env_db, std::size_t min_limit = 0) {
  Options o;
  o.db = env_db.empty() ? "./index" : env_db;
  o.db_named = !env_db.empty();
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // "-v", "-l": a short option, which paper-search has none of (but -h), not the exclusion of
    // a one-letter word, which would list every paper without a word (QA).
    if (!options_done && a.size() == 2 && a[0] == '-' &&
        std::isalpha(static_cast<unsigned char>(a[1]))) {
      throw Error("unknown option '" + a +
                      "'; the options are long (--limit N, --version, ...): "
                      "run `paper-search --help`; to exclude the word '" +
                      a.substr(1) + "', write it after --: `paper-search -- QUERY " + a + "`",
                  kExitUsage);
    }
    if (options_done || a.size() < 2 || a.compare(0, 2, "--") != 0) {
      o.words.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    bool known = false;
    for (const std::string& n : allowed) known = known || n == name;
    if (!known) {
      throw Error("unknown option '" + a + "'; run `paper-search --help` for the options",
                  kExitUsage);
    }
    const bool flag = name == "json" || name == "facets";
    if (flag) {
      if (value) throw Error("option --" + name + " takes no value", kExitUsage);
      (name == "json" ? o.json : o.facets) = true;
      continue;
    }
    if (!value) {
      if (i + 1 >= args.size()) throw Error("option --" + name + " needs a value", kExitUsage);
      value = args[++i];
    }
    if (name == "db") {
      if (value->empty()) throw Error("option --db needs a folder", kExitUsage);
      o.db = *value;
      o.db_named = true;
    } else if (name == "limit") {
      o.limit = parse_count(name, *value, min_limit, kMaxLimit);
    } else if (name == "offset") {
      o.offset = parse_count(name, *value, 0, kMaxOffset);
    } else if (name == "pages") {
      o.pages = parse_count(name, *value, 0, kMaxPages);
    } else if (name == "ranking") {
      o.ranking = parse_ranking(*value);
    } else if (name == "text") {
      o.text = *value;
    }
  }
  return o;
}

IndexFolder index_folder(const Options& o) {
  return o.db_named ? IndexFolder::kNamed : IndexFolder::kDefault;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string q;
  for (const std::string& w : words) q += (q.empty() ? "" : " ") + w;
  return q;
}

int run_search(const std::vector<std::string>& args, std::ostream& out, bool terminal,
               const std::string& env_db) {
  Options o = parse(args, {"db", "json", "limit", "offset", "pages", "facets", "ranking"}, env_db);
  SearchRequest request;
  const std::string typed = join_words(o.words);
  check_utf8(typed);  // before printable_utf8, which would drop the bad bytes
  request.text = clean_line(printable_utf8(typed));
  request.limit = o.limit;
  request.offset = o.offset;
  request.pages_per_result = o.pages;
  request.snippets = o.pages > 0;
  request.ranking = o.ranking;
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error("empty query; give words to search for, e.g. `paper-search unet segmentation`",
                kExitUsage);
  }
  Searcher searcher(o.db, index_folder(o));
  SearchResult result = searcher.search(request);
  if (o.json) {
    out << search_json(result) << "\n";
  } else {
    print_search(out, result, {terminal, o.facets});
  }
  return kExitOk;
}

int run_related(const std::vector<std::string>& args, std::ostream& out, bool terminal,
                const std::string& env_db) {
  Options o = parse(args, {"db", "json", "limit", "text"}, env_db, /*min_limit=*/1);
  RelatedRequest request;
  request.limit = o.limit;
  if (o.text) {
    if (!o.words.empty()) {
      throw Error("give either a paper id or --text, not both", kExitUsage);
    }
    check_utf8(*o.text);
    request.text = clean_line(printable_utf8(*o.text));
  } else if (o.words.size() == 1) {
    request.id = o.words[0];
  } else {
    throw Error(o.words.empty() ? "related needs a paper id or --text \"...\""
                                : "related takes one paper id",
                kExitUsage);
  }
  Searcher searcher(o.db, index_folder(o));
  RelatedResult result = searcher.related(request);
  if (o.json) {
    out << related_json(result) << "\n";
  } else {
    print_related(out, result, {terminal, false});
  }
  return kExitOk;
}

int run_show(const std::vector<std::string>& args, std::ostream& out, bool terminal,
             const std::string& env_db) {
  Options o = parse(args, {"db", "json"}, env_db);
  if (o.words.size() != 1) {
    throw Error(o.words.empty() ? "show needs a paper id" : "show takes one paper id", kExitUsage);
  }
  Searcher searcher(o.db, index_folder(o));
  PaperDetails details = searcher.show(o.words[0]);
  if (o.json) {
    out << details_json(details) << "\n";
  } else {
    print_details(out, details, {terminal, false});
  }
  return kExitOk;
}

// The error on standard error, and with --json (before any "--") also as one JSON object on
// standard output. Returns exit_code.
int report_error(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const std::string& message, int exit_code) {
  err << "paper-search: error: " << message << "\n";
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--json") {
      out << error_json(message, exit_code) << "\n";
      break;
    }
  }
  return exit_code;
}

}  // namespace

int run_paper_search(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                     bool terminal, const std::string& env_db) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    // The value of an option ("--text --help") is not an option.
    if (a == "--db" || a == "--limit" || a == "--offset" || a == "--pages" || a == "--ranking" ||
        a == "--text") {
      ++i;
      continue;
    }
    if (a == "--help" || a == "-h") {
      out << kUsage;
      return kExitOk;
    }
    if (a == "--version") {
      out << "paper-search " << kVersion << "\n";
      return kExitOk;
    }
  }
  try {
    // The first word that is neither an option nor an option's value may name a subcommand.
    std::size_t i = 0;
    while (i < args.size() && args[i].rfind("--", 0) == 0 && args[i] != "--") {
      bool takes_value =
          args[i].find('=') == std::string::npos && args[i] != "--json" && args[i] != "--facets";
      i += takes_value ? 2 : 1;
    }
    if (i < args.size() && (args[i] == "related" || args[i] == "show")) {
      std::vector<std::string> rest(args);
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
      if (args[i] == "related") return run_related(rest, out, terminal, env_db);
      return run_show(rest, out, terminal, env_db);
    }
    return run_search(args, out, terminal, env_db);
  } catch (const Error& e) {
    return report_error(args, out, err, e.what(), e.exit_code());
  } catch (const std::exception& e) {
    return report_error(args, out, err, e.what(), kExitFatal);
  }
}

}  // namespace paper::query
