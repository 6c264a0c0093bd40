// The command line and the final report of `paper-index build` (kept apart from the pipeline so
// both are tested without running one).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "indexer/pipeline.h"

namespace paper {

struct BuildOptions {
  std::string db;            // --db, else $PAPER_INDEX_DB, else "index"
  bool rebuild = false;      // --rebuild
  bool retry = false;        // --retry
  bool refresh = false;      // --refresh: ask servers whether indexed PDFs changed
  int jobs = 0;              // --jobs N (0 = number of CPUs)
  int batch_size = 200;      // --batch-size N: papers per commit
  bool quiet = false;        // --quiet
  std::string synonyms;      // --synonyms FILE, else data/synonyms.txt when it exists
  bool discover = false;     // --discover: ask open APIs when a paper's links give no PDF
  std::string email;         // --email ADDR, else $PAPER_INDEX_EMAIL (Unpaywall, Crossref)
  std::string s2_key;        // --semantic-scholar-key KEY, else $S2_API_KEY
  std::string openalex_key;  // --openalex-key KEY, else $OPENALEX_API_KEY
  std::string data_dir = "data";
  std::vector<std::string> paths;
};

// Fills b from args. Returns -1 to go on, or the exit code to return at once (0 after --help,
// kExitUsage after a bad command line, with the message on err).
int parse_build_options(const std::vector<std::string>& args, BuildOptions& b, std::ostream& out,
                        std::ostream& err);

// The end-of-run report on out: one summary line, then the reasons papers have no text.
void print_summary(const PipelineSummary& s, std::ostream& out);

// 130 interrupted; 2 when papers ended (or stay) without text or inputs had warnings; else 0.
int exit_code_for(const PipelineSummary& s);

}  // namespace paper
