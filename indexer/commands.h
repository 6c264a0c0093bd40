// The subcommands of paper-index. Each parses its own arguments, writes results to out and
// diagnostics to err, and returns an exit code from common/error.h. They may throw paper::Error
// for fatal run errors; main() reports those.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace paper {

// paper-index check [--json] LIST...            (indexer/check_command.cc)
int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// paper-index build [--db DIR] [--rebuild] [--jobs N] [PATH...]   (indexer/build_command.cc)
int run_build(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// paper-index status [--db DIR] [--json]        (indexer/status_command.cc)
int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace paper
